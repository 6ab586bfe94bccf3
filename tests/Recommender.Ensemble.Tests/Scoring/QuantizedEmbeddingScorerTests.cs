using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

public class QuantizedEmbeddingScorerTests
{
    [Theory]
    [InlineData(5000, 32, 1.0)]
    [InlineData(3000, 48, 20.0)] // item norms spread over 20×: the bound uses the largest scale
    public void Returns_exactly_what_the_exact_scorer_returns(int items, int dim, double normSpread)
    {
        var random = new Random(items + dim);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        for (var i = 0; i < items; i++)
        {
            var norm = (float)Math.Pow(normSpread, random.NextDouble());
            for (var d = 0; d < dim; d++)
                matrix[i * dim + d] *= norm;
        }
        var queries = NaiveTopK.RandomMatrix(random, 20 * dim);
        var exact = new CpuEmbeddingScorer(matrix, items, dim);
        var quantized = new QuantizedEmbeddingScorer(matrix, items, dim);

        var expected = exact.TopKBatch(queries, 10);
        var actual = quantized.TopKBatch(queries, 10);

        for (var q = 0; q < expected.Length; q++)
            Assert.Equal(expected[q], actual[q]);
    }

    [Fact]
    public void Near_ties_closer_than_the_quantization_step_are_resolved_exactly()
    {
        // Item i = (1 + i·1e-4, 0): all quantize to code 127 with nearly equal scales, so only the exact re-score can
        // order them; query (1, 0) ranks them by id descending.
        const int items = 50;
        var matrix = new float[items * 2];
        for (var i = 0; i < items; i++)
            matrix[i * 2] = 1 + i * 1e-4f;

        var top = new QuantizedEmbeddingScorer(matrix, items, 2).TopK([1f, 0f], 5, ExclusionFilter.None);

        Assert.Equal([49, 48, 47, 46, 45], top.Select(s => s.Item));
    }

    [Fact]
    public void Reports_its_precision()
    {
        var scorer = new QuantizedEmbeddingScorer(new float[8], 2, 4);

        Assert.Equal(new ScoringPlacement("cpu", "cpu", "int8"), scorer.Placement);
    }

    [Fact]
    public void Zero_vectors_quantize_to_zero_scores()
    {
        float[] matrix = [0, 0, 1, 1, 0, 0];

        var top = new QuantizedEmbeddingScorer(matrix, 3, 2).TopK([1f, -1f], 3, ExclusionFilter.None);

        Assert.Equal([new ScoredItem(0, 0), new ScoredItem(1, 0), new ScoredItem(2, 0)], top);
    }
}
