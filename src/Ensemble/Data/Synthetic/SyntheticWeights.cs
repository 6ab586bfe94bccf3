namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>What the weight column of generated interactions means.</summary>
public enum SyntheticWeights
{
    /// <summary>Explicit ratings 1–5, higher where user and item match better.</summary>
    Ratings,

    /// <summary>Implicit event counts (1, 2, 3, …; mostly 1), higher where user and item match better.</summary>
    Counts,
}
