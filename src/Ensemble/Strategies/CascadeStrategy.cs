namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Ordered fallback. Sources are tried in order; one is skipped when the user is unknown to it or it has fewer than
/// <see cref="CascadeOptions.MinCandidates"/> candidates. The first usable source fills the list in its own order;
/// when it has fewer than k items, the remaining slots are filled from the next usable source (items already taken
/// are not repeated), and so on. A candidate's score is 1 / its position, so the list's order survives any
/// re-sorting and a business rule's multiplicative boost has a comparable effect at every position.
/// </summary>
public sealed class CascadeStrategy(CascadeOptions options) : IEnsembleStrategy
{
    public const string StrategyName = "cascade";

    public CascadeOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => StrategyName;

    public IReadOnlyList<EnsembleCandidate> Combine(IReadOnlyList<CandidateList> sources, int k, StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var pool = CandidatePool.Build(sources);
        var rowOf = new Dictionary<int, int>(pool.Count);
        for (var row = 0; row < pool.Count; row++)
            rowOf[pool.Items[row]] = row;

        var result = new List<EnsembleCandidate>(k);
        var taken = new HashSet<int>();
        foreach (var s in SourceOrder(sources))
        {
            var list = sources[s];
            if (result.Count >= k)
                break;
            if (!list.UserKnown || list.Count < Options.MinCandidates)
                continue;
            foreach (var scored in list.Items)
            {
                if (result.Count >= k)
                    break;
                if (!taken.Add(scored.Item))
                    continue;
                var position = result.Count + 1;
                result.Add(new EnsembleCandidate(scored.Item, 1f / position, pool.EvidenceOf(rowOf[scored.Item]).ToArray()));
            }
        }
        return result;
    }

    private IEnumerable<int> SourceOrder(IReadOnlyList<CandidateList> sources)
    {
        if (Options.Order is null)
            return Enumerable.Range(0, sources.Count);
        return Options.Order
            .Select(name => FindSource(sources, name))
            .Where(index => index >= 0);
    }

    private static int FindSource(IReadOnlyList<CandidateList> sources, string name)
    {
        for (var s = 0; s < sources.Count; s++)
        {
            if (string.Equals(sources[s].Source, name, StringComparison.Ordinal))
                return s;
        }
        return -1;
    }
}
