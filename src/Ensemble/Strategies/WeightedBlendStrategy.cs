namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Weighted blend: each source's scores are normalised over its own list (<see cref="ScoreNormalizer"/>), and an
/// item's score is Σ_s w_s · n_s(item), where an item absent from source s's list takes that source's floor (the
/// normalised score of its lowest listed item). Sources with weight 0 or an empty list add nothing.
/// </summary>
public sealed class WeightedBlendStrategy(WeightedBlendOptions options) : IEnsembleStrategy
{
    public const string StrategyName = "weighted";

    public WeightedBlendOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => StrategyName;

    public IReadOnlyList<EnsembleCandidate> Combine(IReadOnlyList<CandidateList> sources, int k, StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var pool = CandidatePool.Build(sources);
        var scores = new float[pool.Count];
        var longest = 0;
        foreach (var list in sources)
            longest = Math.Max(longest, list.Count);
        var buffer = longest <= 512 ? stackalloc float[longest] : new float[longest];
        for (var s = 0; s < sources.Count; s++)
        {
            var list = sources[s].Items;
            var weight = SourceWeights.Of(Options.Weights, sources[s].Source);
            if (weight == 0 || list.Length == 0)
                continue;
            var normalized = buffer[..list.Length];
            var floor = ScoreNormalizer.Normalize(list, Options.Normalization, normalized);
            for (var row = 0; row < scores.Length; row++)
            {
                var evidence = pool.Evidence(row, s);
                scores[row] += weight * (evidence.Present ? normalized[evidence.Rank - 1] : floor);
            }
        }
        return pool.Top(scores, k);
    }
}
