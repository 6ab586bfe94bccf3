namespace Recommender.Ensemble.Strategies;

/// <summary>
/// What a strategy may know about the request beyond the candidate lists: the user (a dense index, or -1 for a
/// user the training data does not know), the user's history (sorted item indices: the training row, or the
/// request's recent items for a new user) and per-item features for strategies that use them (the learned ranker).
/// </summary>
public sealed record StrategyContext(int User, ReadOnlyMemory<int> History, RankingFeatureSource? Features = null)
{
    /// <summary>No user, no history, no features: enough for the score- and rank-based strategies.</summary>
    public static StrategyContext Anonymous { get; } = new(-1, ReadOnlyMemory<int>.Empty);
}
