using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Recommender.Ensemble.Scoring.Onnx;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Chooses the scorer for <see cref="ScoringOptions.Device"/> and reports the choice in
/// <see cref="IEmbeddingScorer.Placement"/>:
/// <list type="bullet">
/// <item><c>cpu</c>: <see cref="CpuEmbeddingScorer"/>, or <see cref="QuantizedEmbeddingScorer"/> for int8.</item>
/// <item><c>onnx-cpu</c>: <see cref="OnnxEmbeddingScorer"/> on the CPU provider (fp32 only); the managed CPU scorer if
/// ONNX Runtime cannot start.</item>
/// <item><c>cuda</c>: <see cref="OnnxEmbeddingScorer"/> on CUDA (fp32 only); ONNX Runtime's CPU provider when CUDA
/// cannot be loaded, as the issue asks of the ONNX path.</item>
/// <item><c>auto</c>: CUDA when it loads, otherwise the managed CPU scorer, which beats ONNX Runtime's CPU provider at
/// batch 1 on this kind of machine.</item>
/// </list>
/// Each fallback is logged once per factory with its reason. One factory serves the whole process (CUDA is probed
/// once); it is thread-safe.
/// </summary>
public sealed class EmbeddingScorerFactory : IEmbeddingScorerFactory
{
    private readonly ILogger _logger;
    private readonly Lazy<string?> _cudaUnavailable;
    private readonly ConcurrentDictionary<string, bool> _loggedFallbacks = new();

    public EmbeddingScorerFactory(ScoringOptions options, ILogger<EmbeddingScorerFactory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _logger = logger ?? NullLogger<EmbeddingScorerFactory>.Instance;
        _cudaUnavailable = new Lazy<string?>(() => CudaProbe.UnavailableReason(options.CudaDeviceId));
    }

    public ScoringOptions Options { get; }

    /// <summary>Why CUDA cannot be used (probed on first call), or null when it loads.</summary>
    public string? CudaUnavailableReason => _cudaUnavailable.Value;

    public IEmbeddingScorer Create(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension, ScoringPrecision? precision = null)
    {
        EmbeddingMatrixShape.Validate(itemEmbeddings, itemCount, dimension);
        var wanted = precision ?? Options.Precision;
        var requested = Options.Device.Name();
        if (Options.Device == ScoringDevice.Cpu)
            return CreateCpu(itemEmbeddings, itemCount, dimension, wanted, requested, reason: null);
        if (itemCount == 0)
            return CreateCpu(itemEmbeddings, itemCount, dimension, wanted, requested, "no items: nothing for ONNX Runtime to score");

        var onnxPrecisionNote = wanted == ScoringPrecision.Quantized ? "int8 is a cpu path; ONNX Runtime scores fp32" : null;
        if (Options.Device == ScoringDevice.OnnxCpu)
        {
            return TryCreateOnnx(itemEmbeddings, itemCount, dimension, OnnxExecutionProvider.Cpu, requested, onnxPrecisionNote, out var onnxFailure)
                ?? Fallback(itemEmbeddings, itemCount, dimension, wanted, requested, $"onnx runtime unavailable: {onnxFailure}");
        }

        // auto or cuda
        var cudaFailure = CudaUnavailableReason;
        if (cudaFailure is null)
        {
            var onGpu = TryCreateOnnx(itemEmbeddings, itemCount, dimension, OnnxExecutionProvider.Cuda, requested, onnxPrecisionNote, out cudaFailure);
            if (onGpu is not null)
                return onGpu;
        }
        var reason = $"cuda unavailable: {cudaFailure}";
        if (Options.Device == ScoringDevice.Auto)
            return Fallback(itemEmbeddings, itemCount, dimension, wanted, requested, reason);

        LogFallbackOnce(requested, "onnx-cpu", reason);
        return TryCreateOnnx(itemEmbeddings, itemCount, dimension, OnnxExecutionProvider.Cpu, requested, Join(reason, onnxPrecisionNote), out var cpuFailure)
            ?? Fallback(itemEmbeddings, itemCount, dimension, wanted, requested, $"{reason}; onnx runtime unavailable: {cpuFailure}");
    }

    private IEmbeddingScorer Fallback(ReadOnlySpan<float> items, int itemCount, int dimension, ScoringPrecision precision, string requested, string reason)
    {
        LogFallbackOnce(requested, "cpu", reason);
        return CreateCpu(items, itemCount, dimension, precision, requested, reason);
    }

    private IEmbeddingScorer CreateCpu(ReadOnlySpan<float> items, int itemCount, int dimension, ScoringPrecision precision, string requested, string? reason)
    {
        var threads = Options.MaxDegreeOfParallelism;
        return precision == ScoringPrecision.Quantized
            ? new QuantizedEmbeddingScorer(items, itemCount, dimension, threads,
                new ScoringPlacement(requested, "cpu", ScoringPlacement.QuantizedPrecision, reason))
            : new CpuEmbeddingScorer(items, itemCount, dimension, threads,
                new ScoringPlacement(requested, "cpu", ScoringPlacement.ExactPrecision, reason));
    }

    private OnnxEmbeddingScorer? TryCreateOnnx(ReadOnlySpan<float> items, int itemCount, int dimension, OnnxExecutionProvider provider,
        string requested, string? reason, out string? failure)
    {
        var device = provider == OnnxExecutionProvider.Cuda ? "cuda" : "onnx-cpu";
        try
        {
            failure = null;
            return OnnxEmbeddingScorer.Create(items, itemCount, dimension, provider, Options.CudaDeviceId,
                Math.Max(0, Options.MaxDegreeOfParallelism), new ScoringPlacement(requested, device, ScoringPlacement.ExactPrecision, reason));
        }
        catch (Exception e)
        {
            // Catch everything: a missing CUDA or cuDNN library, a device that is absent, or a native library that
            // does not load at all must all end in a fallback, never in a model that cannot serve.
            failure = CudaProbe.Describe(e);
            return null;
        }
    }

    private void LogFallbackOnce(string requested, string device, string reason)
    {
        if (_loggedFallbacks.TryAdd($"{device}|{reason}", true))
            _logger.LogWarning("Scoring device {Requested} falls back to {Device}: {Reason}", requested, device, reason);
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";
}
