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

    [Fact]
    public void Overwriting_selection_masks_exclusions_from_both_lists()
    {
        float[] scores = [0.5f, 0.9f, 0.1f, 0.9f, 0.7f, 0.3f];

        var top = TopK.SelectOverwriting(scores, 3, new ExclusionFilter([1], [4]));

        // Without 1 and 4: 3 (0.9), 0 (0.5), 5 (0.3).
        Assert.Equal([3, 0, 5], top.Select(s => s.Item));
        Assert.Equal([0.9f, 0.5f, 0.3f], top.Select(s => s.Score));
    }

    [Fact]
    public void Overwriting_selection_returns_only_the_allowed_items_when_fewer_than_k()
    {
        float[] scores = [0.5f, 0.9f, 0.1f, 0.8f];

        var top = TopK.SelectOverwriting(scores, 10, new ExclusionFilter([0, 2]));

        Assert.Equal([1, 3], top.Select(s => s.Item));
    }

    [Theory]
    [InlineData(1, 7, 0)]
    [InlineData(10, 1000, 30)]
    [InlineData(50, 333, 300)]
    public void Overwriting_selection_agrees_with_the_naive_reference(int k, int n, int excludedCount)
    {
        var random = new Random(k * 31 + n);
        // Coarse values force many ties, which must go to the lower index.
        var scores = Enumerable.Range(0, n).Select(_ => random.Next(20) / 4f).ToArray();
        var excluded = Enumerable.Range(0, excludedCount).Select(_ => random.Next(n)).Distinct().Order().ToArray();
        var expected = scores.Select((s, i) => (Item: i, Score: s)).Where(x => Array.BinarySearch(excluded, x.Item) < 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item).Take(k).ToArray();

        var top = TopK.SelectOverwriting(scores.ToArray(), k, new ExclusionFilter(excluded));

        Assert.Equal(expected.Select(x => x.Item), top.Select(s => s.Item));
        Assert.Equal(expected.Select(x => x.Score), top.Select(s => s.Score));
    }
}
