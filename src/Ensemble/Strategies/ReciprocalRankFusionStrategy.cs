namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Reciprocal rank fusion: score(item) = Σ_s w_s / (k + rank_s(item)) over the sources that list the item (ranks
/// from 1). Only ranks count, so sources with incomparable score scales fuse without normalisation.
/// </summary>
public sealed class ReciprocalRankFusionStrategy(ReciprocalRankFusionOptions options) : IEnsembleStrategy
{
    public const string StrategyName = "rrf";

    public ReciprocalRankFusionOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => StrategyName;

    public IReadOnlyList<EnsembleCandidate> Combine(IReadOnlyList<CandidateList> sources, int k, StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var pool = CandidatePool.Build(sources);
        var scores = new double[pool.Count];
        for (var s = 0; s < sources.Count; s++)
        {
            var weight = SourceWeights.Of(Options.Weights, sources[s].Source);
            if (weight == 0)
                continue;
            for (var row = 0; row < scores.Length; row++)
            {
                var evidence = pool.Evidence(row, s);
                if (evidence.Present)
                    scores[row] += weight / (Options.K + evidence.Rank);
            }
        }
        var single = new float[scores.Length];
        for (var row = 0; row < scores.Length; row++)
            single[row] = (float)scores[row];
        return pool.Top(single, k);
    }
}
