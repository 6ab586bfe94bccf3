using System.Numerics;
using System.Runtime.CompilerServices;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// One thread's share of a scan: a heap per query, each heap's acceptance cut cached as a float for the vector
/// compare, and the scores of one step (up to <see cref="TileKernels.TilesPerStep"/> tiles) × all queries. For an
/// approximate scan each query also has a slack (twice the score error bound) and a <see cref="CandidateList"/>:
/// every item within the slack of the running k-th best is kept for the exact re-score.
/// </summary>
internal sealed class ScanWorker
{
    private readonly float[] _cuts;
    private readonly float[] _slacks;
    private readonly float[] _scores;

    /// <param name="capacities">Per query: heap size.</param>
    /// <param name="slacks">Per query: how far below the heap threshold items are still collected; null for an exact scan.</param>
    public ScanWorker(ReadOnlySpan<int> capacities, float[]? slacks)
    {
        Heaps = new TopKHeap[capacities.Length];
        _cuts = new float[capacities.Length];
        for (var q = 0; q < capacities.Length; q++)
        {
            Heaps[q] = new TopKHeap(capacities[q]);
            _cuts[q] = Heaps[q].Threshold;
        }
        _slacks = slacks ?? new float[capacities.Length];
        if (slacks is not null)
            Candidates = Enumerable.Range(0, capacities.Length).Select(_ => new CandidateList()).ToArray();
        _scores = new float[TileKernels.TilesPerStep * TileKernels.TileWidth * capacities.Length];
    }

    /// <summary>The best candidates this worker saw, one heap per query, exclusions not yet applied.</summary>
    public TopKHeap[] Heaps { get; }

    /// <summary>Approximate scans only: per query, the items within the slack of the heap threshold when seen.</summary>
    public CandidateList[]? Candidates { get; }

    /// <summary>Scores tiles [<paramref name="firstTile"/>, <paramref name="endTile"/>) against every query.</summary>
    // Fully optimised from the first call: these run a few hundred times per request, and tier-0 code (or waiting for
    // tiering's call counting) would make the first seconds of a process several times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scan<TSource>(in TSource source, SimdWidth width, ReadOnlySpan<float> queries, int firstTile, int endTile)
        where TSource : struct, ITileSource
    {
        const int w = TileKernels.TileWidth;
        var queryCount = Heaps.Length;
        for (var tile = firstTile; tile < endTile; tile += TileKernels.TilesPerStep)
        {
            var tiles = Math.Min(TileKernels.TilesPerStep, endTile - tile);
            source.Score(tile, tiles, width, queries, queryCount, _scores);
            for (var t = 0; t < tiles; t++)
            {
                var firstItem = (tile + t) * w;
                var validLanes = Math.Min(w, source.ItemCount - firstItem);
                var laneMask = validLanes == w ? 0xFFFFu : (1u << validLanes) - 1;
                for (var q = 0; q < queryCount; q++)
                {
                    var scores = _scores.AsSpan((q * tiles + t) * w, w);
                    var passing = TileKernels.LanesAtLeast(width, scores, _cuts[q]) & laneMask;
                    if (passing != 0)
                        Offer(q, scores, firstItem, passing);
                }
            }
        }
    }

    // Kept out of the loop above: after the first few tiles almost no lane reaches a cut.
    private void Offer(int query, ReadOnlySpan<float> scores, int firstItem, uint lanes)
    {
        var heap = Heaps[query];
        var candidates = Candidates?[query];
        while (lanes != 0)
        {
            var lane = BitOperations.TrailingZeroCount(lanes);
            heap.Offer(firstItem + lane, scores[lane]);
            candidates?.Add(firstItem + lane, scores[lane], _cuts[query]);
            lanes &= lanes - 1;
        }
        _cuts[query] = heap.Threshold - _slacks[query];
    }
}
