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
}
