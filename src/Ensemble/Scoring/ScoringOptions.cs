namespace Recommender.Ensemble.Scoring;

/// <summary>Scoring configuration (<c>Scoring:*</c>); values are checked when set.</summary>
public sealed record ScoringOptions
{
    private readonly int _maxDegreeOfParallelism = -1;
    private readonly int _cudaDeviceId;

    public ScoringDevice Device { get; init; } = ScoringDevice.Auto;

    /// <summary>Default precision; a model may ask for another one when it creates its scorer.</summary>
    public ScoringPrecision Precision { get; init; } = ScoringPrecision.Exact;

    /// <summary>Threads one scoring call may use (CPU kernels, ONNX Runtime intra-op); -1 for every core.</summary>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = value == -1 || value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "Use -1 (every core) or a positive count.");
    }

    public int CudaDeviceId
    {
        get => _cudaDeviceId;
        init => _cudaDeviceId = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(CudaDeviceId), value, "Must not be negative.");
    }
}
