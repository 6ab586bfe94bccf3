using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// The union of several candidate lists: every distinct item once, in order of first appearance (the first
/// source's list best first, then the items only later sources have), with what each source said about it.
/// Strategies score the pool's rows and keep the best k; ties go to the row that appeared first, so the earlier
/// source's preference decides.
/// </summary>
public sealed class CandidatePool
{
    private readonly int[] _items;
    private readonly SourceScore[] _evidence;

    private CandidatePool(int[] items, SourceScore[] evidence, int sourceCount)
    {
        _items = items;
        _evidence = evidence;
        SourceCount = sourceCount;
    }

    /// <summary>Distinct items in the pool.</summary>
    public int Count => _items.Length;

    public int SourceCount { get; }

    /// <summary>Pool rows' items, in order of first appearance.</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>What every source said about row <paramref name="row"/>, in source order.</summary>
    public ReadOnlySpan<SourceScore> EvidenceOf(int row) => _evidence.AsSpan(row * SourceCount, SourceCount);

    /// <summary>What source <paramref name="source"/> said about row <paramref name="row"/>.</summary>
    public SourceScore Evidence(int row, int source) => _evidence[row * SourceCount + source];

    public static CandidatePool Build(IReadOnlyList<CandidateList> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var total = 0;
        foreach (var list in sources)
            total += list.Count;
        var rowOf = new Dictionary<int, int>(total);
        var items = new List<int>(total);
        // Rows are appended as items first appear; evidence grows with them, row-major rows × sources.
        var evidence = new List<SourceScore>(total * Math.Max(sources.Count, 1));
        for (var s = 0; s < sources.Count; s++)
        {
            var list = sources[s].Items;
            for (var r = 0; r < list.Length; r++)
            {
                var item = list[r].Item;
                if (!rowOf.TryGetValue(item, out var row))
                {
                    row = items.Count;
                    rowOf.Add(item, row);
                    items.Add(item);
                    for (var i = 0; i < sources.Count; i++)
                        evidence.Add(SourceScore.Absent);
                }
                var slot = row * sources.Count + s;
                // A list should not repeat an item; if it does, its best (first) rank stands.
                if (!evidence[slot].Present)
                    evidence[slot] = new SourceScore(list[r].Score, r + 1);
            }
        }
        return new CandidatePool([.. items], [.. evidence], sources.Count);
    }

    /// <summary>
    /// The best <paramref name="k"/> rows by <paramref name="scores"/> (one per row), as ensemble candidates;
    /// equal scores keep pool order.
    /// </summary>
    public EnsembleCandidate[] Top(ReadOnlySpan<float> scores, int k)
    {
        if (scores.Length != Count)
            throw new ArgumentException($"Got {scores.Length} scores for {Count} pool rows.", nameof(scores));
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (Count == 0 || k == 0)
            return [];
        var best = TopK.Select(scores, k, ExclusionFilter.None);
        var result = new EnsembleCandidate[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            var row = best[i].Item;
            result[i] = new EnsembleCandidate(_items[row], best[i].Score, EvidenceOf(row).ToArray());
        }
        return result;
    }
}
