using System.Numerics;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// One thread's share of a scan: a heap per query, the heaps' thresholds cached as floats for the vector compare, and
/// L1-sized scratch for a decoded tile and for the scores of one tile × all queries.
/// </summary>
internal sealed class ScanWorker
{
    private readonly float[] _thresholds;
    private readonly float[] _scratch;
    private readonly float[] _scores;

    public ScanWorker(ReadOnlySpan<int> capacities, int dimension)
    {
        Heaps = new TopKHeap[capacities.Length];
        _thresholds = new float[capacities.Length];
        for (var q = 0; q < capacities.Length; q++)
        {
            Heaps[q] = new TopKHeap(capacities[q]);
            _thresholds[q] = Heaps[q].Threshold;
        }
        _scratch = new float[TileKernels.TileWidth * dimension];
        _scores = new float[TileKernels.TileWidth * capacities.Length];
    }

    /// <summary>The best candidates this worker saw, one heap per query, exclusions not yet applied.</summary>
    public TopKHeap[] Heaps { get; }

    /// <summary>Scores tiles [<paramref name="firstTile"/>, <paramref name="endTile"/>) against every query.</summary>
    public void Scan<TSource>(in TSource source, SimdWidth width, ReadOnlySpan<float> queries, int firstTile, int endTile)
        where TSource : struct, ITileSource
    {
        var queryCount = Heaps.Length;
        var dim = source.Dimension;
        for (var tile = firstTile; tile < endTile; tile++)
        {
            var rows = source.Tile(tile, width, _scratch);
            TileKernels.Score(width, rows, queries, queryCount, dim, _scores);
            var firstItem = tile * TileKernels.TileWidth;
            var validLanes = Math.Min(TileKernels.TileWidth, source.ItemCount - firstItem);
            var laneMask = validLanes == TileKernels.TileWidth ? 0xFFFFu : (1u << validLanes) - 1;
            for (var q = 0; q < queryCount; q++)
            {
                var scores = _scores.AsSpan(q * TileKernels.TileWidth, TileKernels.TileWidth);
                var passing = TileKernels.LanesAtLeast(width, scores, _thresholds[q]) & laneMask;
                if (passing != 0)
                    Offer(q, scores, firstItem, passing);
            }
        }
    }

    // Kept out of the loop above: after the first few tiles almost no lane reaches a threshold.
    private void Offer(int query, ReadOnlySpan<float> scores, int firstItem, uint lanes)
    {
        var heap = Heaps[query];
        while (lanes != 0)
        {
            var lane = BitOperations.TrailingZeroCount(lanes);
            heap.Offer(firstItem + lane, scores[lane]);
            lanes &= lanes - 1;
        }
        _thresholds[query] = heap.Threshold;
    }
}
