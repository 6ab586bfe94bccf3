using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Exact CPU scorer. Items are stored in tiles of <see cref="TileWidth"/> items, dimension-major inside a tile,
/// so one pass over a tile is <c>dim</c> fused multiply-adds of a broadcast query element against 16 contiguous
/// floats: the item matrix streams through the cache once and no horizontal sums are needed.
/// </summary>
public sealed class CpuEmbeddingScorer : IEmbeddingScorer
{
    public const int TileWidth = 16;

    private readonly float[] _tiles;
    private readonly int _tileCount;

    /// <param name="itemEmbeddings">Row-major items × dimension.</param>
    public CpuEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension)
    {
        if (itemEmbeddings.Length != itemCount * dimension)
            throw new ArgumentException($"Expected {itemCount} × {dimension} floats, got {itemEmbeddings.Length}.", nameof(itemEmbeddings));
        ItemCount = itemCount;
        Dimension = dimension;
        _tileCount = (itemCount + TileWidth - 1) / TileWidth;
        _tiles = new float[_tileCount * TileWidth * dimension];
        for (var item = 0; item < itemCount; item++)
        {
            var tileBase = (item / TileWidth) * TileWidth * dimension;
            var lane = item % TileWidth;
            for (var d = 0; d < dimension; d++)
                _tiles[tileBase + d * TileWidth + lane] = itemEmbeddings[item * dimension + d];
        }
    }

    public int ItemCount { get; }

    public int Dimension { get; }

    public string Device => "cpu-simd";

    public ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude)
    {
        if (query.Length != Dimension)
            throw new ArgumentException($"Query has {query.Length} dimensions, the items {Dimension}.", nameof(query));
        var heap = new TopKHeap(Math.Min(k, ItemCount));
        Span<float> scores = stackalloc float[TileWidth];
        var threshold = heap.Threshold;
        for (var tile = 0; tile < _tileCount; tile++)
        {
            ScoreTile(query, tile, scores);
            var first = tile * TileWidth;
            var lanes = Math.Min(TileWidth, ItemCount - first);
            for (var lane = 0; lane < lanes; lane++)
            {
                var s = scores[lane];
                if (s >= threshold && !exclude.Contains(first + lane) && heap.Offer(first + lane, s))
                    threshold = heap.Threshold;
            }
        }
        return heap.ToSortedArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ScoreTile(ReadOnlySpan<float> query, int tile, Span<float> scores)
    {
        ref var tileStart = ref _tiles[tile * TileWidth * Dimension];
        if (Vector512.IsHardwareAccelerated)
        {
            var acc = Vector512<float>.Zero;
            for (var d = 0; d < query.Length; d++)
                acc = Vector512.FusedMultiplyAdd(Vector512.Create(query[d]), Vector512.LoadUnsafe(ref tileStart, (nuint)(d * TileWidth)), acc);
            acc.CopyTo(scores);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var lo = Vector256<float>.Zero;
            var hi = Vector256<float>.Zero;
            for (var d = 0; d < query.Length; d++)
            {
                var q = Vector256.Create(query[d]);
                lo = Vector256.FusedMultiplyAdd(q, Vector256.LoadUnsafe(ref tileStart, (nuint)(d * TileWidth)), lo);
                hi = Vector256.FusedMultiplyAdd(q, Vector256.LoadUnsafe(ref tileStart, (nuint)(d * TileWidth + 8)), hi);
            }
            lo.CopyTo(scores);
            hi.CopyTo(scores[8..]);
        }
        else
        {
            scores.Clear();
            for (var d = 0; d < query.Length; d++)
            {
                var q = query[d];
                for (var lane = 0; lane < TileWidth; lane++)
                    scores[lane] += q * Unsafe.Add(ref tileStart, d * TileWidth + lane);
            }
        }
    }
}
