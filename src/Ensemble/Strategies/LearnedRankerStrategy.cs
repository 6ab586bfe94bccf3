namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Learned ranker: the candidates of every source are pooled, each gets its <see cref="RankingFeatureLayout"/>
/// features (needs <see cref="StrategyContext.Features"/> built from the data the sources were fitted on, and the
/// user's history), and the LambdaMART trees order them. Policy form:
/// <c>{ "strategy": "learned", "ranker": "ranker", "version": "3" }</c> (version optional: the latest).
/// </summary>
public sealed class LearnedRankerStrategy(LearnedRanker ranker) : IEnsembleStrategy
{
    public const string StrategyName = "learned";

    public LearnedRanker Ranker { get; } = ranker ?? throw new ArgumentNullException(nameof(ranker));

    public string Name => StrategyName;

    public bool UsesItemFeatures => true;

    public IReadOnlyList<EnsembleCandidate> Combine(IReadOnlyList<CandidateList> sources, int k, StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var pool = CandidatePool.Build(sources);
        if (pool.Count == 0)
            return [];
        var features = Ranker.Layout.Build(sources, pool, context);
        return pool.Top(Ranker.Score(features), k);
    }
}
