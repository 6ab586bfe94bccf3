using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

public class TileKernelTests
{
    [Fact]
    public void Every_vector_width_produces_bit_identical_scores()
    {
        const int items = 777, dim = 45;
        var random = new Random(3);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        var queries = NaiveTopK.RandomMatrix(random, 9 * dim);
        var reference = new CpuEmbeddingScorer(matrix, items, dim, 1, null, SimdWidth.Scalar).TopKBatch(queries, items);

        foreach (var width in SimdWidths.Supported)
        {
            var scores = new CpuEmbeddingScorer(matrix, items, dim, 1, null, width).TopKBatch(queries, items);
            for (var q = 0; q < reference.Length; q++)
                Assert.Equal(reference[q], scores[q]);
        }
    }

    [Fact]
    public void Tile_layout_puts_a_dimension_of_16_items_in_one_row()
    {
        // 17 items × 2 dims: item i = (i, -i). Tile 0 row 0 holds items 0..15's first component, row 1 their second;
        // tile 1 holds item 16 in lane 0 and zero padding.
        var matrix = Enumerable.Range(0, 17).SelectMany(i => new[] { (float)i, -i }).ToArray();
        var tiles = FloatTiles.FromRowMajor(matrix, 17, 2);

        var first = tiles.Rows(0).ToArray();
        var second = tiles.Rows(1).ToArray();

        Assert.Equal(2, tiles.TileCount);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)i), first[..16]);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)-i), first[16..]);
        Assert.Equal([16f, .. new float[15], -16f, .. new float[15]], second);
    }

    [Fact]
    public void Int8_scores_are_the_scale_times_the_dot_product_with_the_rounded_codes()
    {
        // Item 0 = (127, -63.5, 1): max |x| = 127 → scale 1, codes (127, -64 (half to even), 1).
        // Item 1 = (0.5, -0.25, 0): scale 0.5/127, codes (127, -64, 0).
        // Query (1, 1, 2): item 0 → 127 - 64 + 2 = 65; item 1 → (127 - 64) · 0.5/127 = 63 · 0.5/127.
        float[] matrix = [127f, -63.5f, 1f, 0.5f, -0.25f, 0f];
        var tiles = Int8Tiles.Quantize(matrix, 2, 3);
        foreach (var width in SimdWidths.Supported)
        {
            var scores = new float[16];
            tiles.Score(0, 1, width, [1f, 1f, 2f], 1, scores);

            Assert.Equal(65f, scores[0]);
            Assert.Equal(63f * (0.5f / 127f), scores[1], 6);
            Assert.All(scores[2..], x => Assert.Equal(0f, x));
        }
    }

    [Fact]
    public void Int8_scores_stay_within_the_error_bound_of_the_exact_scores()
    {
        const int items = 3001, dim = 57;
        var random = new Random(21);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        var query = NaiveTopK.RandomMatrix(random, dim);
        var tiles = Int8Tiles.Quantize(matrix, items, dim);
        var bound = tiles.ErrorBound(query);
        var scores = new float[16];
        var worst = 0.0;
        for (var tile = 0; tile < tiles.TileCount; tile++)
        {
            tiles.Score(tile, 1, SimdWidths.Best, query, 1, scores);
            for (var lane = 0; lane < 16 && tile * 16 + lane < items; lane++)
            {
                var item = tile * 16 + lane;
                var exact = Enumerable.Range(0, dim).Sum(d => (double)matrix[item * dim + d] * query[d]);
                worst = Math.Max(worst, Math.Abs(exact - scores[lane]));
            }
        }

        Assert.InRange(worst, 0, bound);
        Assert.True(bound < 0.5, $"bound {bound} should be a small fraction of the score range");
    }

    [Fact]
    public void Every_int8_width_produces_bit_identical_scores()
    {
        const int items = 100, dim = 19;
        var random = new Random(2);
        var tiles = Int8Tiles.Quantize(NaiveTopK.RandomMatrix(random, items * dim), items, dim);
        var queries = NaiveTopK.RandomMatrix(random, 9 * dim);
        // Tiles 0–3 scored in one step (9 queries: a block of 8, then one alone over 4 tiles at once) against each
        // tile scored alone on the scalar path.
        var step = new float[4 * 16 * 9];
        foreach (var width in SimdWidths.Supported)
        {
            tiles.Score(0, 4, width, queries, 9, step);
            for (var tile = 0; tile < 4; tile++)
            {
                var reference = new float[16 * 9];
                tiles.Score(tile, 1, SimdWidth.Scalar, queries, 9, reference);
                for (var q = 0; q < 9; q++)
                    Assert.Equal(reference.AsSpan(q * 16, 16), step.AsSpan((q * 4 + tile) * 16, 16));
            }
        }
    }

    [Fact]
    public void Lane_mask_marks_scores_at_or_above_the_threshold()
    {
        var scores = Enumerable.Range(0, 16).Select(i => i % 3 == 0 ? 2f : 1f).ToArray();
        scores[5] = float.NaN;

        foreach (var width in SimdWidths.Supported)
            Assert.Equal(0b1001001001001001u, TileKernels.LanesAtLeast(width, scores, 2f));
    }

    [Fact]
    public void The_multithreaded_scan_keeps_the_same_answer_as_one_thread()
    {
        const int items = 40_000, dim = 16; // 2.5 MB: above the parallel threshold, ~5 chunks
        var random = new Random(9);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        var queries = NaiveTopK.RandomMatrix(random, 3 * dim);
        int[] excluded = [1, 2, 3, 39_999];

        var parallel = new CpuEmbeddingScorer(matrix, items, dim, -1).TopKBatch(queries, 25, _ => new ExclusionFilter(excluded));
        var serial = new CpuEmbeddingScorer(matrix, items, dim, 1).TopKBatch(queries, 25, _ => new ExclusionFilter(excluded));

        for (var q = 0; q < 3; q++)
            Assert.Equal(serial[q], parallel[q]);
    }
}
