using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

public class QuantizedEmbeddingScorerTests
{
    [Fact]
    public void Shortlist_smaller_than_the_catalog_still_finds_the_exact_top_k_with_exact_scores()
    {
        const int items = 5000, dim = 32, k = 10;
        var random = new Random(11);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        var exact = new CpuEmbeddingScorer(matrix, items, dim);
        var quantized = new QuantizedEmbeddingScorer(matrix, items, dim, shortlistSize: 100);

        for (var q = 0; q < 20; q++)
        {
            var query = NaiveTopK.RandomMatrix(random, dim);
            Assert.Equal(exact.TopK(query, k, ExclusionFilter.None), quantized.TopK(query, k, ExclusionFilter.None));
        }
    }

    [Fact]
    public void Reports_its_precision_and_shortlist()
    {
        var scorer = new QuantizedEmbeddingScorer(new float[8], 2, 4, shortlistSize: 50);

        Assert.Equal(new ScoringPlacement("cpu", "cpu", "int8"), scorer.Placement);
        Assert.Equal(50, scorer.ShortlistSize);
    }

    [Fact]
    public void Zero_vectors_quantize_to_zero_scores()
    {
        float[] matrix = [0, 0, 1, 1, 0, 0];

        var top = new QuantizedEmbeddingScorer(matrix, 3, 2).TopK([1f, -1f], 3, ExclusionFilter.None);

        Assert.Equal([new ScoredItem(0, 0), new ScoredItem(1, 0), new ScoredItem(2, 0)], top);
    }
}
