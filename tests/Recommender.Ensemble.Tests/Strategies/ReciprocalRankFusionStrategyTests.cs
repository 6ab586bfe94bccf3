using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

public class ReciprocalRankFusionStrategyTests
{
    // Scores are irrelevant to RRF; they are deliberately on different scales.
    private static readonly CandidateList[] Sources =
    [
        Lists.Of("a", (1, 900f), (2, 800f), (3, 700f)),
        Lists.Of("b", (3, 0.3f), (1, 0.2f), (4, 0.1f)),
    ];

    private static readonly WeightedBlendStrategyTests.ToleranceComparer Close = new(1e-6f);

    [Fact]
    public void Default_k_60_sums_reciprocal_ranks()
    {
        // 1: 1/61 + 1/62 = 0.0325224; 3: 1/63 + 1/61 = 0.0322664; 2: 1/62 = 0.0161290; 4: 1/63 = 0.0158730.
        var ranked = new ReciprocalRankFusionStrategy(new ReciprocalRankFusionOptions()).Combine(Sources, 10, StrategyContext.Anonymous);

        Assert.Equal([1, 3, 2, 4], Lists.Items(ranked));
        Assert.Equal([0.0325224f, 0.0322664f, 0.0161290f, 0.0158730f], ranked.Select(c => c.Score), Close);
    }

    [Fact]
    public void Weights_and_k_change_the_order()
    {
        // k = 1, b weighs 3: 3: 1/4 + 3/2 = 1.75; 1: 1/2 + 3/3 = 1.5; 4: 3/4 = 0.75; 2: 1/3.
        var options = new ReciprocalRankFusionOptions(1, new Dictionary<string, float> { ["a"] = 1, ["b"] = 3 });
        var ranked = new ReciprocalRankFusionStrategy(options).Combine(Sources, 10, StrategyContext.Anonymous);

        Assert.Equal([3, 1, 4, 2], Lists.Items(ranked));
        Assert.Equal([1.75f, 1.5f, 0.75f, 1f / 3], ranked.Select(c => c.Score), Close);
    }

    [Fact]
    public void Top_k_cuts_the_fused_list()
    {
        var ranked = new ReciprocalRankFusionStrategy(new ReciprocalRankFusionOptions()).Combine(Sources, 2, StrategyContext.Anonymous);

        Assert.Equal([1, 3], Lists.Items(ranked));
        Assert.Equal([new SourceScore(700f, 3), new SourceScore(0.3f, 1)], ranked[1].Sources);
    }
}
