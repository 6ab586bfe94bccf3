using Recommender.Rules.Tests.TestData;
using static Recommender.Rules.Tests.TestData.Candidates;

namespace Recommender.Rules.Tests;

/// <summary>The workflows the service ships in data/rules load and do what their descriptions say.</summary>
public class ExampleWorkflowsTests
{
    private static RuleWorkflowHost ShippedRules() =>
        new(new RuleWorkflowHostOptions(Path.Combine(RepositoryRoot.Find(), "data", "rules"), watchForChanges: false));

    [Fact]
    public void The_shipped_workflows_load_without_refusal()
    {
        using var host = ShippedRules();

        Assert.Null(host.Status.LastRefusal);
        Assert.Equal(["default", "none", "three-rules"], host.WorkflowNames.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["in-stock-only", "r-rated-needs-17", "segment-categories", "older-than-two-years", "three-per-category"],
            host.Status.Active.Single(w => w.Name == "default").Rules.Select(r => r.Name));
    }

    [Fact]
    public void The_default_workflow_filters_boosts_buries_and_caps()
    {
        using var host = ShippedRules();
        var teenager = new RuleUser("u", age: 15, segments: ["Horror"]);
        RankedCandidate[] candidates =
        [
            new(new RuleItem("sold-out", categories: ["Drama"], inStock: false), 1.00),
            new(new RuleItem("r-rated", categories: ["Drama"], ageRating: "R"), 0.99),
            new(new RuleItem("d1", categories: ["Drama"], createdAt: Now.AddDays(-10)), 0.98),
            new(new RuleItem("d2", categories: ["Drama"], createdAt: Now.AddDays(-1000)), 0.97),
            new(new RuleItem("d3", categories: ["Drama"]), 0.96),
            new(new RuleItem("d4", categories: ["Drama"]), 0.95),
            new(new RuleItem("d5", categories: ["Drama"]), 0.94),
            new(new RuleItem("h1", categories: ["Horror"]), 0.60),
            new(new RuleItem("c1", categories: ["Comedy"]), 0.50),
        ];

        var result = host.Apply("default", teenager, Context(), candidates, k: 6);

        // Dropped: sold-out, r-rated (user is 15). h1: 0.60 × 1.25 = 0.75; d2: 0.97 × 0.8 = 0.776.
        // Order by score: d1 .98, d3 .96, d4 .95, d5 .94, d2 .776, h1 .75, c1 .50. Three Dramas fit (d1, d3, d4);
        // then h1, c1; slots left for k = 6 are backfilled with the best held-back Drama, d5.
        Assert.Equal(["d1", "d3", "d4", "h1", "c1", "d5"], Ids(result));
        Assert.Equal(2, result.Filtered);
        Assert.Equal(["segment-categories"], result.Items[3].FiredRules);
        Assert.Equal(["three-per-category"], result.Items[5].FiredRules);
        Assert.Equal(1, result.HeldBackByDiversity);
    }

    [Fact]
    public void The_none_workflow_changes_nothing()
    {
        using var host = ShippedRules();
        RankedCandidate[] candidates = [new(new RuleItem("a", inStock: false), 0.9), new(new RuleItem("b", ageRating: "R"), 0.8)];

        var result = host.Apply("none", new RuleUser("kid", age: 5), Context(), candidates, k: 10);

        Assert.Equal(["a", "b"], Ids(result));
    }
}
