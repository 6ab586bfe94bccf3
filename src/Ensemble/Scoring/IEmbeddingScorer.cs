using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Top-K by inner product of query vectors against every row of an item embedding matrix, with exclusions.
/// Embedding models (ALS, content) score through this one place, so a faster kernel or a GPU serves them all.
/// Implementations are thread-safe: one scorer serves concurrent requests.
/// </summary>
/// <remarks>
/// Results are sorted by descending score, ties to the lower item index, and hold min(k, allowed items) entries.
/// Scorers that hold native resources (the ONNX Runtime one) also implement <see cref="IDisposable"/>.
/// </remarks>
public interface IEmbeddingScorer
{
    int ItemCount { get; }

    int Dimension { get; }

    /// <summary>Where scoring runs: "cpu", "onnx-cpu" or "cuda" (same as <see cref="Placement"/>.Device).</summary>
    string Device { get; }

    /// <summary>Device, precision and the reason for any fallback.</summary>
    ScoringPlacement Placement { get; }

    /// <summary>The k best items for one query of <see cref="Dimension"/> floats.</summary>
    ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude);

    /// <summary>
    /// The k best items for each of B queries (<paramref name="queries"/> is B × <see cref="Dimension"/>, row-major),
    /// in one pass over the items. Result i is what <see cref="TopK"/> returns for query i.
    /// </summary>
    /// <param name="exclusions">Query index → its exclusions; null for none.</param>
    ScoredItem[][] TopKBatch(ReadOnlySpan<float> queries, int k, ExclusionSelector? exclusions = null);

    /// <summary>
    /// The k best items for one query, for callers on an asynchronous path (the request pipeline): what
    /// <see cref="TopK"/> returns for <c>new ExclusionFilter(sortedSeen, sortedExclude)</c>. A plain scorer answers at
    /// once on the calling thread; <see cref="MicroBatchingScorer"/> gathers concurrent calls into one
    /// <see cref="TopKBatch"/>. The memory passed in must stay unchanged until the task completes.
    /// </summary>
    ValueTask<ScoredItem[]> TopKAsync(ReadOnlyMemory<float> query, int k, ReadOnlyMemory<int> sortedSeen, ReadOnlyMemory<int> sortedExclude,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(TopK(query.Span, k, new ExclusionFilter(sortedSeen.Span, sortedExclude.Span)));
    }
}
