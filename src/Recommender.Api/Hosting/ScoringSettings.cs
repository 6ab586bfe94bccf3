using Recommender.Ensemble.Scoring;

namespace Recommender.Api.Hosting;

/// <summary>
/// Where and how embedding models (ALS, content) score, bound from the "Scoring" configuration section and checked
/// at start by <see cref="ScoringSettingsValidator"/>; GET /v1/models and /metrics show the outcome per model version.
/// </summary>
public sealed class ScoringSettings
{
    public const string SectionName = "Scoring";

    /// <summary>auto | cpu | onnx-cpu | cuda (see <see cref="ScoringDevice"/>).</summary>
    public string Device { get; set; } = "auto";

    /// <summary>fp32 (exact) | int8 (int8 scan, exact fp32 re-score of a shortlist): the default of every model.</summary>
    public string Precision { get; set; } = "fp32";

    /// <summary>Per-model precision, e.g. <c>Scoring:ModelPrecision:als = int8</c>; wins over <see cref="Precision"/>.</summary>
    public Dictionary<string, string> ModelPrecision { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Threads one scoring call may use; -1 for every core.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    public int CudaDeviceId { get; set; }

    /// <summary>
    /// How long the oldest of concurrent recommendation requests waits for others to share one batched scoring
    /// call with; 0 turns micro-batching off.
    /// </summary>
    public int MicroBatchDelayMicroseconds { get; set; } = 300;

    /// <summary>The most queries one batched scoring call takes.</summary>
    public int MicroBatchMaxSize { get; set; } = MicroBatchingOptions.DefaultMaxBatchSize;

    /// <summary>
    /// Catalogs smaller than this are not micro-batched: one scan costs microseconds there, less than the hand-off
    /// to a batch dispatcher, so batching would only add latency.
    /// </summary>
    public int MicroBatchMinItems { get; set; } = 50_000;

    public ScoringOptions ToScoringOptions() => new()
    {
        Device = ScoringDevices.Parse(Device),
        Precision = ParsePrecision(Precision) ?? ScoringPrecision.Exact,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        CudaDeviceId = CudaDeviceId,
    };

    public MicroBatchingOptions ToMicroBatching() => new()
    {
        Delay = TimeSpan.FromMicroseconds(MicroBatchDelayMicroseconds),
        MaxBatchSize = MicroBatchMaxSize,
    };

    /// <summary>Whether a model scoring <paramref name="itemCount"/> items is micro-batched.</summary>
    public bool MicroBatches(int itemCount) => MicroBatchDelayMicroseconds > 0 && itemCount >= MicroBatchMinItems;

    /// <summary>The precision configured for <paramref name="model"/>.</summary>
    public ScoringPrecision PrecisionOf(string model) =>
        (ModelPrecision.TryGetValue(model, out var own) ? ParsePrecision(own) : null) ?? ParsePrecision(Precision) ?? ScoringPrecision.Exact;

    /// <summary>fp32 or exact; int8 or quantized; null for anything else.</summary>
    internal static ScoringPrecision? ParsePrecision(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "FP32" or "EXACT" => ScoringPrecision.Exact,
        "INT8" or "QUANTIZED" => ScoringPrecision.Quantized,
        _ => null,
    };
}
