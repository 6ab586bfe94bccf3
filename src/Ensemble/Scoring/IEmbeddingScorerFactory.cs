namespace Recommender.Ensemble.Scoring;

/// <summary>Creates the scorer for an item matrix on the configured device; models take one of these.</summary>
public interface IEmbeddingScorerFactory
{
    /// <param name="itemEmbeddings">Row-major items × dimension; copied.</param>
    /// <param name="precision">This model's precision; the configured default when null.</param>
    IEmbeddingScorer Create(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension, ScoringPrecision? precision = null);
}
