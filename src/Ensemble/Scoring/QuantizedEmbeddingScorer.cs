using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Int8 scan, exact re-score: an int8 copy of the items (<see cref="Int8Tiles"/>, about a quarter of the fp32 bytes to
/// stream) is scanned for approximate scores; every item whose approximate score is within twice the error bound of
/// the running k-th best is kept as a candidate, and the candidates are re-scored in fp32 by the exact kernel.
/// </summary>
/// <remarks>
/// The error bound is rigorous (<see cref="Int8Tiles.ErrorBound"/>): an item of the exact top k cannot score below
/// the k-th best approximate score minus twice the bound, so the candidates always contain the exact top k, and the
/// re-score (same FMA order as <see cref="CpuEmbeddingScorer"/>) returns exactly what the exact scorer returns,
/// scores bit for bit. The shortlist is as long as the data needs: a few dozen candidates on typical embeddings, more
/// when many items score within the bound of each other (in the limit, everything, at the cost of an exact scan).
/// </remarks>
public sealed class QuantizedEmbeddingScorer : IEmbeddingScorer
{
    private readonly Int8Tiles _codes;
    private readonly float[] _rows;
    private readonly SimdWidth _width;
    private readonly int _maxDegreeOfParallelism;

    /// <param name="itemEmbeddings">Row-major items × dimension; quantized, and copied for the re-score.</param>
    /// <param name="maxDegreeOfParallelism">Threads one call may use; -1 for every core.</param>
    /// <param name="placement">What to report as the placement; cpu / int8 when null.</param>
    public QuantizedEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension,
        int maxDegreeOfParallelism = -1, ScoringPlacement? placement = null)
        : this(itemEmbeddings, itemCount, dimension, maxDegreeOfParallelism, placement, SimdWidths.Best)
    {
    }

    internal QuantizedEmbeddingScorer(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension,
        int maxDegreeOfParallelism, ScoringPlacement? placement, SimdWidth width)
    {
        if (!SimdWidths.IsSupported(width))
            throw new PlatformNotSupportedException($"{width} is not accelerated on this machine.");
        _codes = Int8Tiles.Quantize(itemEmbeddings, itemCount, dimension);
        _rows = itemEmbeddings.ToArray();
        _width = width;
        _maxDegreeOfParallelism = QueryBatch.ValidateParallelism(maxDegreeOfParallelism);
        Placement = placement ?? new ScoringPlacement("cpu", "cpu", ScoringPlacement.QuantizedPrecision);
    }

    public int ItemCount => _codes.ItemCount;

    public int Dimension => _codes.Dimension;

    public string Device => Placement.Device;

    public ScoringPlacement Placement { get; }

    public ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude)
    {
        QueryBatch.ValidateQuery(query, Dimension);
        if (k <= 0 || ItemCount == 0)
            return [];
        var wanted = Math.Min(k, ItemCount);
        float[] slacks = [2 * _codes.ErrorBound(query)];
        var scan = TileScan.Run(_codes, _width, query.ToArray(), [QueryBatch.Candidates(wanted, exclude.Count, ItemCount)], _maxDegreeOfParallelism, slacks);
        return Rescore(scan, 0, query, wanted, slacks[0], exclude);
    }

    public ScoredItem[][] TopKBatch(ReadOnlySpan<float> queries, int k, ExclusionSelector? exclusions = null)
    {
        var count = QueryBatch.Count(queries, Dimension);
        if (k <= 0 || ItemCount == 0)
            return QueryBatch.Empty(count);
        var wanted = Math.Min(k, ItemCount);
        var capacities = new int[count];
        var slacks = new float[count];
        for (var q = 0; q < count; q++)
        {
            capacities[q] = QueryBatch.Candidates(wanted, QueryBatch.ExclusionsOf(exclusions, q).Count, ItemCount);
            slacks[q] = 2 * _codes.ErrorBound(queries.Slice(q * Dimension, Dimension));
        }
        var scan = TileScan.Run(_codes, _width, queries.ToArray(), capacities, _maxDegreeOfParallelism, slacks);
        var results = new ScoredItem[count][];
        for (var q = 0; q < count; q++)
            results[q] = Rescore(scan, q, queries.Slice(q * Dimension, Dimension), wanted, slacks[q], QueryBatch.ExclusionsOf(exclusions, q));
        return results;
    }

    /// <summary>
    /// The k-th best allowed approximate score sets the cut; the allowed candidates above cut − slack are re-scored,
    /// gathered 16 at a time into a tile and scored by the fp32 tile kernel.
    /// </summary>
    private ScoredItem[] Rescore(ScanResult scan, int query, ReadOnlySpan<float> vector, int k, float slack, ExclusionFilter exclude)
    {
        const int w = TileKernels.TileWidth;
        var approximate = new TopKHeap(k);
        scan.MergeInto(query, approximate, exclude);
        var candidates = scan.CandidatesAtLeast(query, approximate.Threshold - slack, exclude);
        var dim = Dimension;
        Span<float> tile = new float[w * dim];
        Span<float> scores = stackalloc float[w];
        var best = new TopKHeap(k);
        for (var first = 0; first < candidates.Count; first += w)
        {
            var lanes = Math.Min(w, candidates.Count - first);
            tile.Clear();
            for (var lane = 0; lane < lanes; lane++)
            {
                var row = _rows.AsSpan(candidates[first + lane] * dim, dim);
                for (var d = 0; d < dim; d++)
                    tile[d * w + lane] = row[d];
            }
            TileKernels.Score(_width, tile, 1, vector, 1, dim, scores);
            for (var lane = 0; lane < lanes; lane++)
                best.Offer(candidates[first + lane], scores[lane]);
        }
        return best.ToSortedArray();
    }
}
