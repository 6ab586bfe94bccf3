namespace Recommender.Ensemble.Scoring;

/// <summary>How item vectors are scored: exactly in fp32, or int8 scan + exact fp32 re-score of a shortlist.</summary>
public enum ScoringPrecision
{
    Exact,
    Quantized,
}
