using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Approximate-then-exact CPU scorer: an int8 copy of the items (a quarter of the bytes to stream) is scanned for a
/// shortlist of the <see cref="ShortlistSize"/> best approximate scores, which are then re-scored exactly in fp32 by
/// the same kernel as <see cref="CpuEmbeddingScorer"/>, so the scores returned are bit-identical to the exact ones and
/// only membership can differ. Recall against exact top-K is measured by the scoring benchmark.
/// </summary>
public sealed class QuantizedEmbeddingScorer : IEmbeddingScorer
{
    public const int DefaultShortlistSize = 4096;

    private readonly Int8Tiles _codes;
    private readonly float[] _rows;
    private readonly SimdWidth _width;
    private readonly int _maxDegreeOfParallelism;

    /// <param name="itemEmbeddings">Row-major items × dimension; quantized, and copied for the re-score.</param>
    /// <param name="shortlistSize">Candidates re-scored exactly per query (at least k is always used).</param>
    /// <param name="maxDegreeOfParallelism">Threads one call may use; -1 for every core.</param>
    /// <param name="placement">What to report as the placement; cpu / int8 when null.</param>
    public QuantizedEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension,
        int shortlistSize = DefaultShortlistSize, int maxDegreeOfParallelism = -1, ScoringPlacement? placement = null)
        : this(itemEmbeddings, itemCount, dimension, shortlistSize, maxDegreeOfParallelism, placement, SimdWidths.Best)
    {
    }

    internal QuantizedEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension,
        int shortlistSize, int maxDegreeOfParallelism, ScoringPlacement? placement, SimdWidth width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shortlistSize);
        if (!SimdWidths.IsSupported(width))
            throw new PlatformNotSupportedException($"{width} is not accelerated on this machine.");
        _codes = Int8Tiles.Quantize(itemEmbeddings, itemCount, dimension);
        _rows = itemEmbeddings.ToArray();
        _width = width;
        _maxDegreeOfParallelism = QueryBatch.ValidateParallelism(maxDegreeOfParallelism);
        ShortlistSize = shortlistSize;
        Placement = placement ?? new ScoringPlacement("cpu", "cpu", ScoringPlacement.QuantizedPrecision);
    }

    public int ItemCount => _codes.ItemCount;

    public int Dimension => _codes.Dimension;

    public int ShortlistSize { get; }

    public string Device => Placement.Device;

    public ScoringPlacement Placement { get; }

    public ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude)
    {
        QueryBatch.ValidateQuery(query, Dimension);
        if (k <= 0 || ItemCount == 0)
            return [];
        var shortlist = ShortlistFor(k);
        var scan = TileScan.Run(_codes, _width, query.ToArray(), [QueryBatch.Candidates(shortlist, exclude.Count, ItemCount)], _maxDegreeOfParallelism);
        return Rescore(scan, 0, query, Math.Min(k, ItemCount), shortlist, exclude);
    }

    public ScoredItem[][] TopKBatch(ReadOnlySpan<float> queries, int k, ExclusionSelector? exclusions = null)
    {
        var count = QueryBatch.Count(queries, Dimension);
        if (k <= 0 || ItemCount == 0)
            return QueryBatch.Empty(count);
        var shortlist = ShortlistFor(k);
        var capacities = new int[count];
        for (var q = 0; q < count; q++)
            capacities[q] = QueryBatch.Candidates(shortlist, QueryBatch.ExclusionsOf(exclusions, q).Count, ItemCount);
        var scan = TileScan.Run(_codes, _width, queries.ToArray(), capacities, _maxDegreeOfParallelism);
        var results = new ScoredItem[count][];
        for (var q = 0; q < count; q++)
            results[q] = Rescore(scan, q, queries.Slice(q * Dimension, Dimension), Math.Min(k, ItemCount), shortlist, QueryBatch.ExclusionsOf(exclusions, q));
        return results;
    }

    private int ShortlistFor(int k) => Math.Min(Math.Max(ShortlistSize, k), ItemCount);

    /// <summary>
    /// The approximate shortlist, exclusions removed, re-scored exactly: candidates are gathered 16 at a time into a
    /// tile and scored by the fp32 tile kernel, which sums in the same order as the exact scorer.
    /// </summary>
    private ScoredItem[] Rescore(ScanResult scan, int query, ReadOnlySpan<float> vector, int k, int shortlistSize, ExclusionFilter exclude)
    {
        const int w = TileKernels.TileWidth;
        var shortlist = new TopKHeap(shortlistSize);
        scan.MergeInto(query, shortlist, exclude);
        var candidates = shortlist.Items;
        var dim = Dimension;
        Span<float> tile = new float[w * dim];
        Span<float> scores = stackalloc float[w];
        var best = new TopKHeap(k);
        for (var first = 0; first < candidates.Length; first += w)
        {
            var lanes = Math.Min(w, candidates.Length - first);
            tile.Clear();
            for (var lane = 0; lane < lanes; lane++)
            {
                var row = _rows.AsSpan(candidates[first + lane] * dim, dim);
                for (var d = 0; d < dim; d++)
                    tile[d * w + lane] = row[d];
            }
            TileKernels.Score(_width, tile, vector, 1, dim, scores);
            for (var lane = 0; lane < lanes; lane++)
                best.Offer(candidates[first + lane], scores[lane]);
        }
        return best.ToSortedArray();
    }
}
