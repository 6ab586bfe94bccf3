using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Exact fp32 scorer on the CPU. Items live in tiles of <see cref="TileWidth"/> items, dimension-major inside a tile
/// (<see cref="FloatTiles"/>), so the matrix streams through the cache once per call, whatever the batch size: a batch
/// of queries is scored tile by tile with register blocking (<see cref="TileKernels"/>). Large matrices are scanned by
/// several threads over ranges of tiles, each with its own heaps (<see cref="TileScan"/>).
/// </summary>
public sealed class CpuEmbeddingScorer : IEmbeddingScorer
{
    public const int TileWidth = TileKernels.TileWidth;

    private readonly FloatTiles _tiles;
    private readonly SimdWidth _width;
    private readonly int _maxDegreeOfParallelism;

    /// <param name="itemEmbeddings">Row-major items × dimension; copied.</param>
    public CpuEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension)
        : this(itemEmbeddings, itemCount, dimension, maxDegreeOfParallelism: -1)
    {
    }

    /// <param name="itemEmbeddings">Row-major items × dimension; copied.</param>
    /// <param name="maxDegreeOfParallelism">Threads one call may use; -1 for every core.</param>
    /// <param name="placement">What to report as the placement; cpu / fp32 when null.</param>
    public CpuEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension, int maxDegreeOfParallelism, ScoringPlacement? placement = null)
        : this(itemEmbeddings, itemCount, dimension, maxDegreeOfParallelism, placement, SimdWidths.Best)
    {
    }

    /// <summary>Forces a vector width, so that tests cover the fallbacks on a machine with wider vectors.</summary>
    internal CpuEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension, int maxDegreeOfParallelism, ScoringPlacement? placement, SimdWidth width)
    {
        if (!SimdWidths.IsSupported(width))
            throw new PlatformNotSupportedException($"{width} is not accelerated on this machine.");
        _tiles = FloatTiles.FromRowMajor(itemEmbeddings, itemCount, dimension);
        _width = width;
        _maxDegreeOfParallelism = QueryBatch.ValidateParallelism(maxDegreeOfParallelism);
        Placement = placement ?? new ScoringPlacement("cpu", "cpu", ScoringPlacement.ExactPrecision);
    }

    public int ItemCount => _tiles.ItemCount;

    public int Dimension => _tiles.Dimension;

    public string Device => Placement.Device;

    public ScoringPlacement Placement { get; }

    public ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude)
    {
        QueryBatch.ValidateQuery(query, Dimension);
        if (k <= 0 || ItemCount == 0)
            return [];
        var wanted = Math.Min(k, ItemCount);
        if (!TileScan.IsParallel(_tiles, _maxDegreeOfParallelism))
            return TopKDense(query, wanted, exclude);
        var scan = TileScan.Run(_tiles, _width, query.ToArray(), [QueryBatch.Candidates(wanted, exclude.Count, ItemCount)], _maxDegreeOfParallelism);
        var best = new TopKHeap(wanted);
        scan.MergeInto(0, best, exclude);
        return best.ToSortedArray();
    }

    /// <summary>
    /// One query over a catalog small enough for one thread: every score goes into a pooled dense vector (a few KB,
    /// it stays in L1/L2), the exclusions are masked in it with one write each, and a heap of exactly k selects.
    /// The streaming scan would instead keep k + |exclusions| candidates and test each against the exclusions,
    /// which for a user with a long history costs more than the scoring itself.
    /// </summary>
    private ScoredItem[] TopKDense(ReadOnlySpan<float> query, int k, ExclusionFilter exclude)
    {
        const int w = TileKernels.TileWidth;
        var buffer = System.Buffers.ArrayPool<float>.Shared.Rent(_tiles.TileCount * w);
        try
        {
            for (var tile = 0; tile < _tiles.TileCount; tile += TileKernels.TilesPerStep)
            {
                var tiles = Math.Min(TileKernels.TilesPerStep, _tiles.TileCount - tile);
                // One query: the kernel's (q · tiles + t) · 16 layout is item order.
                _tiles.Score(tile, tiles, _width, query, 1, buffer.AsSpan(tile * w, tiles * w));
            }
            return Scoring.TopK.SelectOverwriting(buffer.AsSpan(0, ItemCount), k, exclude);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public ScoredItem[][] TopKBatch(ReadOnlySpan<float> queries, int k, ExclusionSelector? exclusions = null)
    {
        var count = QueryBatch.Count(queries, Dimension);
        if (k <= 0 || ItemCount == 0)
            return QueryBatch.Empty(count);
        var wanted = Math.Min(k, ItemCount);
        var capacities = new int[count];
        for (var q = 0; q < count; q++)
            capacities[q] = QueryBatch.Candidates(wanted, QueryBatch.ExclusionsOf(exclusions, q).Count, ItemCount);
        var scan = TileScan.Run(_tiles, _width, queries.ToArray(), capacities, _maxDegreeOfParallelism);
        var results = new ScoredItem[count][];
        for (var q = 0; q < count; q++)
        {
            var best = new TopKHeap(wanted);
            scan.MergeInto(q, best, QueryBatch.ExclusionsOf(exclusions, q));
            results[q] = best.ToSortedArray();
        }
        return results;
    }
}
