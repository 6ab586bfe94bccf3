using System.Numerics;
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

    private CandidatePool(int[] items, SourceScore[] evidence, int sourceCount, int count)
    {
        _items = items;
        _evidence = evidence;
        SourceCount = sourceCount;
        Count = count;
    }

    /// <summary>Distinct items in the pool.</summary>
    public int Count { get; }

    public int SourceCount { get; }

    /// <summary>Pool rows' items, in order of first appearance.</summary>
    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

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
        var sourceCount = sources.Count;
        // Sized for the worst case (no item shared), so nothing is copied afterwards; default evidence is Absent.
        var items = new int[total];
        var evidence = new SourceScore[total * sourceCount];
        // Item → row, open addressing over a power-of-two table at most half full: on the request path every pool
        // is built once per answer, and a Dictionary was a third of the blend's allocations.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2 * total, 4));
        var rowOfSlot = capacity <= 1024 ? stackalloc int[capacity] : new int[capacity];
        rowOfSlot.Fill(-1);
        var mask = capacity - 1;
        var shift = 32 - BitOperations.Log2((uint)capacity);
        var rows = 0;
        for (var s = 0; s < sourceCount; s++)
        {
            var list = sources[s].Items;
            for (var r = 0; r < list.Length; r++)
            {
                var item = list[r].Item;
                // Fibonacci hashing: the top bits of item · 2³²/φ spread consecutive item indices over the table.
                var slot = (int)(((uint)item * 2654435769u) >> shift);
                while (rowOfSlot[slot] >= 0 && items[rowOfSlot[slot]] != item)
                    slot = (slot + 1) & mask;
                var row = rowOfSlot[slot];
                if (row < 0)
                {
                    row = rowOfSlot[slot] = rows++;
                    items[row] = item;
                }
                var at = row * sourceCount + s;
                // A list should not repeat an item; if it does, its best (first) rank stands.
                if (!evidence[at].Present)
                    evidence[at] = new SourceScore(list[r].Score, r + 1);
            }
        }
        return new CandidatePool(items, evidence, sourceCount, rows);
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
