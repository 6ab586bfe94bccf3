using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

public class WeightedBlendStrategyTests
{
    // A: 1 → 10, 2 → 8, 3 → 4.   B: 3 → 1.0, 4 → 0.5, 1 → 0.0.   Items 2 (not in B) and 4 (not in A) are missing once.
    private static readonly CandidateList[] Sources =
    [
        Lists.Of("a", (1, 10f), (2, 8f), (3, 4f)),
        Lists.Of("b", (3, 1.0f), (4, 0.5f), (1, 0.0f)),
    ];

    private static IReadOnlyList<EnsembleCandidate> Blend(Dictionary<string, float>? weights, ScoreNormalization normalization, int k = 10) =>
        new WeightedBlendStrategy(new WeightedBlendOptions(weights, normalization)).Combine(Sources, k, StrategyContext.Anonymous);

    [Fact]
    public void Min_max_blend_gives_missing_items_the_floor_zero()
    {
        // min-max A: 1 → 1, 2 → (8−4)/6 = 2/3, 3 → 0; B: 3 → 1, 4 → 0.5, 1 → 0; floors 0.
        // 0.7·A + 0.3·B: 1 → 0.7, 2 → 0.7·2/3 = 0.46667, 3 → 0.3, 4 → 0.3·0.5 = 0.15.
        var ranked = Blend(new() { ["a"] = 0.7f, ["b"] = 0.3f }, ScoreNormalization.MinMax);

        Assert.Equal([1, 2, 3, 4], Lists.Items(ranked));
        Assert.Equal([0.7f, 0.466667f, 0.3f, 0.15f], ranked.Select(c => c.Score), new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Equal_scores_keep_the_order_in_which_items_first_appear()
    {
        // Weights 1, 1: 1 → 1 + 0 = 1, 3 → 0 + 1 = 1 (tie: item 1 appears first, A's best), 2 → 2/3, 4 → 0.5.
        var ranked = Blend(null, ScoreNormalization.MinMax);

        Assert.Equal([1, 3, 2, 4], Lists.Items(ranked));
    }

    [Fact]
    public void Z_score_blend_gives_missing_items_the_lowest_z_of_the_source()
    {
        // A: mean 22/3, population sd √(56/9) = 2.494438: z = 1.069045, 0.267261, −1.336306 (floor −1.336306).
        // B: mean 0.5, sd √(1/6) = 0.408248: z(3) = 1.224745, z(4) = 0, z(1) = −1.224745 (floor −1.224745).
        // Sums: 3 → −1.336306 + 1.224745 = −0.111561; 1 → 1.069045 − 1.224745 = −0.155700;
        //       2 → 0.267261 − 1.224745 = −0.957484; 4 → −1.336306 + 0 = −1.336306.
        var ranked = Blend(null, ScoreNormalization.ZScore);

        Assert.Equal([3, 1, 2, 4], Lists.Items(ranked));
        Assert.Equal([-0.111561f, -0.155700f, -0.957484f, -1.336306f], ranked.Select(c => c.Score), new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Candidates_carry_every_source_score_and_rank()
    {
        var ranked = Blend(null, ScoreNormalization.MinMax);
        var item2 = ranked.Single(c => c.Item == 2);
        var item1 = ranked.Single(c => c.Item == 1);

        Assert.Equal([new SourceScore(8f, 2), SourceScore.Absent], item2.Sources);
        Assert.Equal([new SourceScore(10f, 1), new SourceScore(0f, 3)], item1.Sources);
        Assert.False(item2.Sources[1].Present);
    }

    [Fact]
    public void A_source_the_weights_do_not_name_lists_but_does_not_score()
    {
        // Only "a" counts: B's items take nothing from B, so item 4 (only in B) gets A's floor 0 and ranks last.
        var ranked = Blend(new() { ["a"] = 1f }, ScoreNormalization.MinMax);

        Assert.Equal([1, 2, 3, 4], Lists.Items(ranked));
        Assert.Equal([1f, 2f / 3, 0f, 0f], ranked.Select(c => c.Score), new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Only_k_items_are_returned_and_an_unknown_user_list_adds_nothing()
    {
        CandidateList[] sources = [Lists.Unknown("a"), Lists.Of("b", (7, 3f), (8, 2f), (9, 1f))];
        var ranked = new WeightedBlendStrategy(new WeightedBlendOptions()).Combine(sources, 2, StrategyContext.Anonymous);

        Assert.Equal([7, 8], Lists.Items(ranked));
    }

    [Fact]
    public void Every_strategy_returns_nothing_when_no_source_has_candidates()
    {
        CandidateList[] sources = [Lists.Unknown("a"), Lists.Unknown("b")];

        Assert.Empty(new WeightedBlendStrategy(new WeightedBlendOptions()).Combine(sources, 10, StrategyContext.Anonymous));
        Assert.Empty(new ReciprocalRankFusionStrategy(new ReciprocalRankFusionOptions()).Combine(sources, 10, StrategyContext.Anonymous));
        Assert.Empty(new WeightedBlendStrategy(new WeightedBlendOptions()).Combine([], 10, StrategyContext.Anonymous));
        Assert.Empty(new WeightedBlendStrategy(new WeightedBlendOptions()).Combine(Sources, 0, StrategyContext.Anonymous));
    }

    [Fact]
    public void A_list_of_equal_scores_gives_every_item_the_same_value()
    {
        CandidateList[] sources = [Lists.Of("a", (1, 5f), (2, 5f)), Lists.Of("b", (2, 2f), (3, 1f))];

        // A is constant (min-max 1 for all, listed or not), so B alone orders: 2 → 1 + 1, 1 → 1 + 0 (B's floor), 3 → 1 + 0.
        var ranked = new WeightedBlendStrategy(new WeightedBlendOptions()).Combine(sources, 10, StrategyContext.Anonymous);

        Assert.Equal([2, 1, 3], Lists.Items(ranked));
        Assert.Equal([2f, 1f, 1f], ranked.Select(c => c.Score));
    }

    internal sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
