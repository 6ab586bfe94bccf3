using Microsoft.ML.OnnxRuntime;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring.Onnx;

/// <summary>
/// Scores through ONNX Runtime with the <see cref="TopKGraph"/> model (MatMul + TopK, the item matrix an initializer),
/// on the CUDA execution provider or the CPU one.
/// </summary>
/// <remarks>
/// Exclusions: the graph knows nothing of them, so it is asked for K = k + |exclusions| (at most every item) and the
/// excluded ids are dropped from its answer; the k best allowed items are always among those K. In a batch, K is the
/// largest such count of any query.
/// </remarks>
public sealed class OnnxEmbeddingScorer : IEmbeddingScorer, IDisposable
{
    private static readonly string[] InputNames = [TopKGraph.QueriesInput, TopKGraph.KInput];
    private static readonly string[] OutputNames = [TopKGraph.ScoresOutput, TopKGraph.IndicesOutput];

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;

    private OnnxEmbeddingScorer(SessionOptions options, InferenceSession session, int itemCount, int dimension, ScoringPlacement placement)
    {
        _options = options;
        _session = session;
        ItemCount = itemCount;
        Dimension = dimension;
        Placement = placement;
    }

    public int ItemCount { get; }

    public int Dimension { get; }

    public string Device => Placement.Device;

    public ScoringPlacement Placement { get; }

    /// <summary>
    /// Builds the model and a session on <paramref name="provider"/>. Throws when the provider cannot be loaded (for
    /// CUDA: no CUDA 13 / cuDNN 9 or no GPU); the caller decides the fallback.
    /// </summary>
    /// <param name="itemEmbeddings">Row-major items × dimension (at least one item); copied into the model.</param>
    /// <param name="intraOpThreads">ONNX Runtime's intra-op threads; 0 lets it pick (one per core).</param>
    public static OnnxEmbeddingScorer Create(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension,
        OnnxExecutionProvider provider, int cudaDeviceId = 0, int intraOpThreads = 0, ScoringPlacement? placement = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var model = TopKGraph.Build(itemEmbeddings, itemCount, dimension);
        var options = new SessionOptions();
        try
        {
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
            options.IntraOpNumThreads = intraOpThreads;
            // Spinning intra-op threads starve the managed thread pool that serves requests and runs the CPU kernels.
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            if (provider == OnnxExecutionProvider.Cuda)
                options.AppendExecutionProvider_CUDA(cudaDeviceId);
            var device = provider == OnnxExecutionProvider.Cuda ? "cuda" : "onnx-cpu";
            var session = new InferenceSession(model, options);
            return new OnnxEmbeddingScorer(options, session, itemCount, dimension,
                placement ?? new ScoringPlacement(device, device, ScoringPlacement.ExactPrecision));
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    public ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude)
    {
        QueryBatch.ValidateQuery(query, Dimension);
        if (k <= 0)
            return [];
        var wanted = Math.Min(k, ItemCount);
        var top = QueryBatch.Candidates(wanted, exclude.Count, ItemCount);
        var (scores, indices) = Run(query, 1, top);
        return Keep(scores, indices, wanted, exclude);
    }

    public ScoredItem[][] TopKBatch(ReadOnlySpan<float> queries, int k, ExclusionSelector? exclusions = null)
    {
        var count = QueryBatch.Count(queries, Dimension);
        if (k <= 0 || count == 0)
            return QueryBatch.Empty(count);
        var wanted = Math.Min(k, ItemCount);
        var top = wanted;
        for (var q = 0; q < count; q++)
            top = Math.Max(top, QueryBatch.Candidates(wanted, QueryBatch.ExclusionsOf(exclusions, q).Count, ItemCount));
        var (scores, indices) = Run(queries, count, top);
        var results = new ScoredItem[count][];
        for (var q = 0; q < count; q++)
            results[q] = Keep(scores.AsSpan(q * top, top), indices.AsSpan(q * top, top), wanted, QueryBatch.ExclusionsOf(exclusions, q));
        return results;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    private (float[] Scores, long[] Indices) Run(ReadOnlySpan<float> queries, int count, int top)
    {
        using var queryValue = OrtValue.CreateTensorValueFromMemory(queries.ToArray(), [count, Dimension]);
        using var kValue = OrtValue.CreateTensorValueFromMemory(new long[] { top }, [1]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [queryValue, kValue], OutputNames);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<long>().ToArray());
    }

    /// <summary>The first <paramref name="k"/> allowed entries of one query's TopK answer, best first.</summary>
    private static ScoredItem[] Keep(ReadOnlySpan<float> scores, ReadOnlySpan<long> indices, int k, ExclusionFilter exclude)
    {
        var kept = new List<ScoredItem>(k);
        for (var i = 0; i < indices.Length && kept.Count < k; i++)
        {
            var item = (int)indices[i];
            if (!exclude.Contains(item))
                kept.Add(new ScoredItem(item, scores[i]));
        }
        return [.. kept];
    }
}
