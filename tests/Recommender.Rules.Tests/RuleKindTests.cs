using Recommender.Rules.Tests.TestData;
using static Recommender.Rules.Tests.TestData.Candidates;

namespace Recommender.Rules.Tests;

public class RuleKindTests
{
    [Fact]
    public void Filter_drops_the_candidates_its_condition_matches()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "in-stock-only", kind = "filter", when = "!item.InStock" });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            new(new RuleItem("a", inStock: true), 0.9),
            new(new RuleItem("b", inStock: false), 0.8),
            new(new RuleItem("c", inStock: true), 0.7),
        ];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        Assert.Equal(["a", "c"], Ids(result));
        Assert.Equal(3, result.Evaluated);
        Assert.Equal(1, result.Filtered);
        Assert.All(result.Items, i => Assert.Empty(i.FiredRules));
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(17, true)]
    [InlineData(40, true)]
    [InlineData(null, false)]
    public void Age_rating_filter_hides_R_rated_items_from_users_not_known_to_be_17(int? age, bool rRatedShown)
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "r-rated", kind = "filter", when = "item.AgeRating == \"R\" && !(user.Age >= 17)" });
        using var host = folder.Host();
        RankedCandidate[] candidates = [new(new RuleItem("r", ageRating: "R"), 0.9), new(new RuleItem("pg", ageRating: "PG"), 0.8)];

        var result = host.Apply("w", new RuleUser("u", age: age), Context(), candidates, k: 10);

        Assert.Equal(rRatedShown ? ["r", "pg"] : ["pg"], Ids(result));
    }

    [Fact]
    public void Boost_multiplies_the_score_of_items_in_the_users_segment_categories_and_reorders()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "segments", kind = "boost", when = "item.HasAnyCategory(user.Segments)", factor = 1.5 });
        using var host = folder.Host();
        RankedCandidate[] candidates = [Candidate("a", 1.0, "Drama"), Candidate("b", 0.9, "Comedy"), Candidate("c", 0.5, "comedy", "Drama")];
        var user = new RuleUser("u", segments: ["Comedy"]);

        var result = host.Apply("w", user, Context(), candidates, k: 10);

        // b: 0.9 × 1.5 = 1.35 > a: 1.0 > c: 0.5 × 1.5 = 0.75 (category match ignores case).
        Assert.Equal(["b", "a", "c"], Ids(result));
        Assert.Equal([1.35, 1.0, 0.75], result.Items.Select(i => i.Score), new ToleranceComparer(1e-12));
        Assert.Equal([0.9, 1.0, 0.5], result.Items.Select(i => i.OriginalScore));
        Assert.Equal([2, 1, 3], result.Items.Select(i => i.OriginalRank));
        Assert.Equal(["segments"], result.Items[0].FiredRules);
        Assert.Empty(result.Items[1].FiredRules);
    }

    [Fact]
    public void Bury_multiplies_the_score_of_items_older_than_the_limit()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "old", kind = "bury", when = "item.AgeInDays(context.Now) > 365", factor = 0.5 });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            new(new RuleItem("old", createdAt: Now.AddDays(-400)), 1.0),
            new(new RuleItem("new", createdAt: Now.AddDays(-10)), 0.6),
            new(new RuleItem("undated"), 0.55),
        ];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        // old: 1.0 × 0.5 = 0.5 falls below new (0.6) and the undated item (0.55, its age is unknown: not buried).
        Assert.Equal(["new", "undated", "old"], Ids(result));
        Assert.Equal(0.5, result.Items[2].Score);
        Assert.Equal(["old"], result.Items[2].FiredRules);
    }

    [Fact]
    public void Boost_and_bury_move_negative_scores_the_right_way()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new { name = "up", kind = "boost", when = "item.HasTag(\"up\")", factor = 2 },
            new { name = "down", kind = "bury", when = "item.HasTag(\"down\")", factor = 0.5 });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            new(new RuleItem("down", tags: ["down"]), -0.2),
            new(new RuleItem("plain"), -0.3),
            new(new RuleItem("up", tags: ["up"]), -0.8),
        ];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        // z-scored blends give negative scores: a boost of 2 takes -0.8 to -0.4 (up), a bury of 0.5 takes -0.2 to -0.4 (down).
        Assert.Equal(["plain", "down", "up"], Ids(result));
        Assert.Equal([-0.3, -0.4, -0.4], result.Items.Select(i => i.Score));
    }

    [Fact]
    public void Factors_can_be_expressions_over_the_candidate_and_the_context()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new
            {
                name = "trust-als",
                kind = "boost",
                when = "candidate.FromSource(\"als\") && context.Flag(\"personalised\")",
                factor = "1 + candidate.SourceScore(\"als\") * context.Number(\"alsWeight\", 1)",
            });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            Candidate(new RuleItem("a"), 1.0, new Dictionary<string, double> { ["pop"] = 1.0 }),
            Candidate(new RuleItem("b"), 0.8, new Dictionary<string, double> { ["als"] = 0.5 }),
        ];

        var personalised = host.Apply("w", RuleUser.Anonymous, Context(("personalised", true), ("alsWeight", 2)), candidates, k: 10);
        var plain = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        // b: 0.8 × (1 + 0.5 × 2) = 1.6.
        Assert.Equal(["b", "a"], Ids(personalised));
        Assert.Equal(1.6, personalised.Items[0].Score, 12);
        Assert.Equal(new Dictionary<string, double> { ["als"] = 0.5 }, personalised.Items[0].SourceScores);
        Assert.Equal(["a", "b"], Ids(plain));
    }

    [Fact]
    public void Context_values_drive_filters()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new { name = "kids-placement", kind = "filter", when = "context.Text(\"placement\") == \"kids\" && item.AgeRating != \"G\"" },
            new { name = "price-cap", kind = "filter", when = "item.Price > context.Number(\"maxPrice\")" });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            new(new RuleItem("g-cheap", ageRating: "G", price: 5), 0.9),
            new(new RuleItem("pg-cheap", ageRating: "PG", price: 5), 0.8),
            new(new RuleItem("g-dear", ageRating: "G", price: 50), 0.7),
        ];

        var kids = host.Apply("w", RuleUser.Anonymous, Context(("placement", "kids"), ("maxPrice", 20.0)), candidates, k: 10);
        // Without "maxPrice" the bound is NaN and "price > NaN" is false: nothing is dropped for price.
        var home = host.Apply("w", RuleUser.Anonymous, Context(("placement", "home")), candidates, k: 10);

        Assert.Equal(["g-cheap"], Ids(kids));
        Assert.Equal(["g-cheap", "pg-cheap", "g-dear"], Ids(home));
    }

    [Fact]
    public void Rules_apply_in_file_order_and_k_cuts_the_list()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new { name = "no-b", kind = "filter", when = "item.Id == \"b\"" },
            new { name = "double-d", kind = "boost", when = "item.Id == \"d\"", factor = 2 },
            new { name = "double-d-again", kind = "boost", when = "item.Id == \"d\"", factor = 2 });
        using var host = folder.Host();
        RankedCandidate[] candidates = [Candidate("a", 1.0), Candidate("b", 0.9), Candidate("c", 0.8), Candidate("d", 0.3)];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 2);

        // d: 0.3 × 2 × 2 = 1.2 comes first; b is gone; k = 2 keeps d and a.
        Assert.Equal(["d", "a"], Ids(result));
        Assert.Equal(["double-d", "double-d-again"], result.Items[0].FiredRules);
        Assert.Equal(1, result.Filtered);
    }

    [Fact]
    public void A_disabled_rule_does_nothing()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "drop-all", kind = "filter", when = "true", enabled = false });
        using var host = folder.Host();

        var result = host.Apply("w", RuleUser.Anonymous, Context(), [Candidate("a", 1.0)], k: 10);

        Assert.Equal(["a"], Ids(result));
        Assert.False(host.Status.Active.Single().Rules.Single().Enabled);
    }

    [Fact]
    public void Equal_scores_keep_their_incoming_order()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "lift-c", kind = "boost", when = "item.Id == \"c\"", factor = 2 });
        using var host = folder.Host();
        RankedCandidate[] candidates = [Candidate("a", 1.0), Candidate("b", 1.0), Candidate("c", 0.5), Candidate("d", 1.0)];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        Assert.Equal(["a", "b", "c", "d"], Ids(result));
    }

    [Fact]
    public void A_filter_that_throws_drops_the_item_by_default_and_keeps_it_when_told_and_the_error_is_counted()
    {
        using var folder = new RulesFolder();
        // Substring(3) throws for titles shorter than 3 characters.
        folder.WriteWorkflow("closed", new { name = "prefix", kind = "filter", when = "item.Title.Substring(3) == \"x\"" });
        folder.WriteWorkflow("open", new { name = "prefix", kind = "filter", when = "item.Title.Substring(3) == \"x\"", onError = "keep" });
        using var host = folder.Host();
        RankedCandidate[] candidates = [new(new RuleItem("a", title: "ab"), 0.9), new(new RuleItem("b", title: "long title"), 0.8)];

        var closed = host.Apply("closed", RuleUser.Anonymous, Context(), candidates, k: 10);
        var open = host.Apply("open", RuleUser.Anonymous, Context(), candidates, k: 10);

        Assert.Equal(["b"], Ids(closed));
        Assert.Equal(["a", "b"], Ids(open));
        var status = host.Status.Active.Single(w => w.Name == "closed");
        Assert.Equal(1, status.Rules.Single().RuntimeErrors);
        Assert.Equal("prefix", status.LastRuntimeError!.Rule);
        Assert.Equal("a", status.LastRuntimeError.ItemId);
        Assert.Contains("ArgumentOutOfRangeException", status.LastRuntimeError.Message);
    }

    [Fact]
    public void A_computed_factor_on_the_wrong_side_of_one_leaves_the_score_alone_and_is_counted()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "bad-boost", kind = "boost", factor = "item.Price ?? 0.5" });
        using var host = folder.Host();
        RankedCandidate[] candidates = [new(new RuleItem("a", price: 3), 0.5), new(new RuleItem("b"), 1.0)];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        // a: 0.5 × 3 = 1.5; b's factor 0.5 is not a boost, so b keeps 1.0 and the rule did not fire on it.
        Assert.Equal(["a", "b"], Ids(result));
        Assert.Equal([1.5, 1.0], result.Items.Select(i => i.Score));
        Assert.Empty(result.Items[1].FiredRules);
        Assert.Equal(1, host.Status.Active.Single().Rules.Single().RuntimeErrors);
    }

    [Fact]
    public void The_none_workflow_returns_the_top_k_unchanged()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("none");
        using var host = folder.Host();
        RankedCandidate[] candidates = [Candidate("a", 0.9), Candidate("b", 0.8), Candidate("c", 0.7)];

        Assert.Null(host.Status.LastRefusal?.Reason);
        var result = host.Apply("none", RuleUser.Anonymous, Context(), candidates, k: 2);

        Assert.Equal(["a", "b"], Ids(result));
        Assert.Equal([1, 2], result.Items.Select(i => i.OriginalRank));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
