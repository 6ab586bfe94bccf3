using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

public class TopKTests
{
    [Fact]
    public void Selects_highest_scores_with_ties_to_lower_index_and_skips_exclusions()
    {
        float[] scores = [0.5f, 0.9f, 0.1f, 0.9f, 0.7f, 0.3f];
        int[] excluded = [4];

        var top = TopK.Select(scores, 3, new ExclusionFilter(excluded));

        Assert.Equal([1, 3, 0], top.Select(s => s.Item));
        Assert.Equal([0.9f, 0.9f, 0.5f], top.Select(s => s.Score));
    }

    [Theory]
    [InlineData(1, 3, 5)]
    [InlineData(15, 8, 10)]
    [InlineData(16, 7, 3)]
    [InlineData(17, 5, 17)]
    [InlineData(1001, 33, 10)]
    public void Cpu_scorer_matches_naive_reference(int items, int dim, int k)
    {
        var random = new Random(items * 31 + dim);
        var matrix = new float[items * dim];
        for (var i = 0; i < matrix.Length; i++)
            matrix[i] = (float)(random.NextDouble() * 2 - 1);
        var query = new float[dim];
        for (var d = 0; d < dim; d++)
            query[d] = (float)(random.NextDouble() * 2 - 1);
        var excluded = ExclusionFilter.Sorted(Enumerable.Range(0, items).Where(i => i % 7 == 3).ToArray());

        var scorer = new CpuEmbeddingScorer(matrix, items, dim);
        var actual = scorer.TopK(query, k, new ExclusionFilter(excluded));

        var expected = Enumerable.Range(0, items)
            .Where(i => i % 7 != 3)
            .Select(i => (Item: i, Score: Enumerable.Range(0, dim).Sum(d => (double)matrix[i * dim + d] * query[d])))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
            .Take(k)
            .ToArray();
        Assert.Equal(expected.Select(x => x.Item), actual.Select(x => x.Item));
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i].Score, actual[i].Score, 4);
    }
}
