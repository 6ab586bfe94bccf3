using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Exact top-K by inner product of a query vector against every row of an item embedding matrix, with exclusions.
/// Embedding models (ALS, content) score through this one place, so a faster kernel or a GPU serves them all.
/// </summary>
public interface IEmbeddingScorer
{
    int ItemCount { get; }

    int Dimension { get; }

    /// <summary>Where scoring runs, e.g. "cpu-simd".</summary>
    string Device { get; }

    ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude);
}
