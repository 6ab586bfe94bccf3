using Recommender.Ensemble.Scoring;
using Recommender.Ensemble.Scoring.Onnx;

namespace Recommender.Ensemble.Tests.Scoring;

/// <summary>
/// Every scoring path the correctness tests run: the exact CPU kernel at each vector width, the quantized path, and
/// ONNX Runtime on its CPU and CUDA providers. A path this machine cannot run is skipped with the reason (never failed,
/// also under CI=true: CI machines have neither a GPU nor necessarily AVX-512).
/// </summary>
public static class ScorerKind
{
    public const string CpuScalar = "cpu-scalar";
    public const string CpuVector256 = "cpu-vector256";
    public const string CpuVector512 = "cpu-vector512";
    public const string CpuSingleThread = "cpu-1-thread";
    public const string Quantized = "int8";
    public const string QuantizedScalar = "int8-scalar";
    public const string QuantizedVector256 = "int8-vector256";
    public const string OnnxCpu = "onnx-cpu";
    public const string Cuda = "cuda";

    public static TheoryData<string> All =>
    [
        CpuScalar, CpuVector256, CpuVector512, CpuSingleThread, Quantized, QuantizedScalar, QuantizedVector256, OnnxCpu, Cuda,
    ];

    /// <summary>Paths whose scores are bit-identical to the exact CPU kernel's (same FMA order).</summary>
    public static bool SharesExactKernel(string kind) => kind is not (OnnxCpu or Cuda);

    public static IEmbeddingScorer Create(string kind, float[] matrix, int items, int dim) => kind switch
    {
        CpuScalar => Cpu(matrix, items, dim, SimdWidth.Scalar),
        CpuVector256 => Cpu(matrix, items, dim, SimdWidth.Vector256),
        CpuVector512 => Cpu(matrix, items, dim, SimdWidth.Vector512),
        CpuSingleThread => new CpuEmbeddingScorer(matrix, items, dim, maxDegreeOfParallelism: 1),
        Quantized => new QuantizedEmbeddingScorer(matrix, items, dim),
        QuantizedScalar => Int8(matrix, items, dim, SimdWidth.Scalar),
        QuantizedVector256 => Int8(matrix, items, dim, SimdWidth.Vector256),
        OnnxCpu => OnnxEmbeddingScorer.Create(matrix, items, dim, OnnxExecutionProvider.Cpu),
        Cuda => CreateCuda(matrix, items, dim),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static CpuEmbeddingScorer Cpu(float[] matrix, int items, int dim, SimdWidth width)
    {
        SkipUnlessSupported(width);
        return new CpuEmbeddingScorer(matrix, items, dim, -1, null, width);
    }

    private static QuantizedEmbeddingScorer Int8(float[] matrix, int items, int dim, SimdWidth width)
    {
        SkipUnlessSupported(width);
        return new QuantizedEmbeddingScorer(matrix, items, dim, -1, null, width);
    }

    private static void SkipUnlessSupported(SimdWidth width)
    {
        if (!SimdWidths.IsSupported(width))
            Assert.Skip($"{width} is not hardware-accelerated on this machine.");
    }

    private static OnnxEmbeddingScorer CreateCuda(float[] matrix, int items, int dim)
    {
        var unavailable = CudaProbe.UnavailableReason(0);
        if (unavailable is not null)
            Assert.Skip($"CUDA unavailable (expected without a GPU, as on CI): {unavailable}");
        try
        {
            return OnnxEmbeddingScorer.Create(matrix, items, dim, OnnxExecutionProvider.Cuda);
        }
        catch (Exception e)
        {
            Assert.Skip($"CUDA session could not start (no usable GPU): {CudaProbe.Describe(e)}");
            throw;
        }
    }
}
