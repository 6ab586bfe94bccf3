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
        var scratch = new float[32];

        var first = tiles.Tile(0, SimdWidth.Scalar, scratch).ToArray();
        var second = tiles.Tile(1, SimdWidth.Scalar, scratch).ToArray();

        Assert.Equal(2, tiles.TileCount);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)i), first[..16]);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)-i), first[16..]);
        Assert.Equal([16f, .. new float[15], -16f, .. new float[15]], second);
    }

    [Fact]
    public void Int8_tiles_decode_to_scale_times_rounded_code()
    {
        // Item 0 = (127, -63.5, 1): max |x| = 127 → scale 1, codes (127, -64 (round half to even), 1).
        // Item 1 = (0.5, -0.25, 0): scale 0.5 / 127, codes (127, -64 (−63.5 rounds to even), 0).
        float[] matrix = [127f, -63.5f, 1f, 0.5f, -0.25f, 0f];
        var tiles = Int8Tiles.Quantize(matrix, 2, 3);
        foreach (var width in SimdWidths.Supported)
        {
            var decoded = tiles.Tile(0, width, new float[48]).ToArray();

            var scale1 = 0.5f / 127f;
            Assert.Equal([127f, 127 * scale1], [decoded[0], decoded[1]]);
            Assert.Equal([-64f, -64 * scale1], [decoded[16], decoded[17]]);
            Assert.Equal([1f, 0f], [decoded[32], decoded[33]]);
            Assert.All(decoded.Where((_, i) => i % 16 >= 2), x => Assert.Equal(0f, x));
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
