using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

public class CascadeStrategyTests
{
    private static IReadOnlyList<EnsembleCandidate> Cascade(CascadeOptions options, int k, params CandidateList[] sources) =>
        new CascadeStrategy(options).Combine(sources, k, StrategyContext.Anonymous);

    [Fact]
    public void A_model_that_does_not_know_the_user_is_skipped()
    {
        var ranked = Cascade(new CascadeOptions(), 3,
            Lists.Unknown("als"), Lists.Of("ease", (5, 0.9f), (6, 0.8f)), Lists.Of("popularity", (7, 50f), (8, 40f), (9, 30f)));

        // ease fills two slots, popularity the third; scores are 1 / position.
        Assert.Equal([5, 6, 7], Lists.Items(ranked));
        Assert.Equal([1f, 0.5f, 1f / 3], ranked.Select(c => c.Score));
    }

    [Fact]
    public void A_model_with_too_few_candidates_is_skipped()
    {
        var ranked = Cascade(new CascadeOptions(minCandidates: 3), 3,
            Lists.Of("als", (1, 0.9f), (2, 0.8f)), Lists.Of("popularity", (3, 9f), (4, 8f), (5, 7f), (6, 6f)));

        Assert.Equal([3, 4, 5], Lists.Items(ranked));
    }

    [Fact]
    public void Remaining_slots_are_filled_from_the_next_model_without_repeats()
    {
        var ranked = Cascade(new CascadeOptions(), 3,
            Lists.Of("als", (1, 0.9f), (2, 0.8f)), Lists.Of("popularity", (2, 9f), (3, 8f), (4, 7f)));

        Assert.Equal([1, 2, 3], Lists.Items(ranked));
        // Item 2 was ranked by both; its evidence shows it.
        Assert.Equal([new SourceScore(0.8f, 2), new SourceScore(9f, 1)], ranked[1].Sources);
    }

    [Fact]
    public void The_order_parameter_decides_which_model_is_tried_first()
    {
        var ranked = Cascade(new CascadeOptions(["popularity", "als"]), 2,
            Lists.Of("als", (1, 0.9f), (2, 0.8f)), Lists.Of("popularity", (3, 9f)), Lists.Of("ignored", (4, 1f)));

        Assert.Equal([3, 1], Lists.Items(ranked));
    }

    [Fact]
    public void Nobody_knows_the_user_gives_an_empty_list()
    {
        Assert.Empty(Cascade(new CascadeOptions(), 10, Lists.Unknown("als"), Lists.Unknown("ease")));
    }
}
