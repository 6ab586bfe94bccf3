using Recommender.Rules.Tests.TestData;
using static Recommender.Rules.Tests.TestData.Candidates;

namespace Recommender.Rules.Tests;

public class DiversityTests
{
    [Fact]
    public void At_most_max_items_per_category_enter_the_top_k()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "two-per-category", kind = "diversity", by = "categories", max = 2 });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            Candidate("a", 0.9, "A"), Candidate("b", 0.8, "A"), Candidate("c", 0.7, "A"),
            Candidate("d", 0.6, "B"), Candidate("e", 0.5, "A"), Candidate("f", 0.4, "C"), Candidate("g", 0.3, "B"),
        ];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 4);

        // a, b fill A's two places; c and e are held back; d and f complete the four before g is reached.
        Assert.Equal(["a", "b", "d", "f"], Ids(result));
        Assert.Equal(2, result.HeldBackByDiversity);
        Assert.All(result.Items, i => Assert.Empty(i.FiredRules));
    }

    [Fact]
    public void Consecutive_and_concurrent_calls_start_from_empty_counts()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "two-per-category", kind = "diversity", by = "categories", max = 2 });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            Candidate("a", 0.9, "A"), Candidate("b", 0.8, "A"), Candidate("c", 0.7, "A"), Candidate("d", 0.6, "B"),
        ];

        // The workflow reuses its passes between calls: a count left over from an earlier call would hold "a" back.
        var results = new string[64][];
        Parallel.For(0, results.Length, i => results[i] = Ids(host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 3)));

        Assert.All(results, ids => Assert.Equal(["a", "b", "d"], ids));
    }

    [Fact]
    public void An_item_in_several_categories_counts_towards_each_and_must_fit_under_every_cap()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "one-per-category", kind = "diversity", by = "categories", max = 1 });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            Candidate("ab", 0.9, "A", "B"), Candidate("b", 0.8, "B"), Candidate("c", 0.7, "C"),
            Candidate("a", 0.6, "a"), Candidate("none", 0.5), Candidate("dd", 0.4, "D", "D"),
        ];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        // ab takes A and B; b (B) and a (A, compared ignoring case) are held back; an item without categories is not
        // limited; an item listing D twice counts once.
        Assert.Equal(["ab", "c", "none", "dd"], Ids(result));
        Assert.Equal(2, result.HeldBackByDiversity);
    }

    [Fact]
    public void Strict_caps_may_return_fewer_than_k_and_backfill_fills_the_rest_in_rank_order()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("strict", new { name = "cap", kind = "diversity", by = "categories", max = 1 });
        folder.WriteWorkflow("soft", new { name = "cap", kind = "diversity", by = "categories", max = 1, backfill = true });
        using var host = folder.Host();
        RankedCandidate[] candidates = [Candidate("a1", 0.9, "A"), Candidate("a2", 0.8, "A"), Candidate("a3", 0.7, "A"), Candidate("b1", 0.6, "B")];

        var strict = host.Apply("strict", RuleUser.Anonymous, Context(), candidates, k: 3);
        var soft = host.Apply("soft", RuleUser.Anonymous, Context(), candidates, k: 3);

        Assert.Equal(["a1", "b1"], Ids(strict));
        Assert.Equal(2, strict.HeldBackByDiversity);
        Assert.Equal(["a1", "b1", "a2"], Ids(soft));
        Assert.Equal(["cap"], soft.Items[2].FiredRules);
        Assert.Equal(1, soft.HeldBackByDiversity);
    }

    [Fact]
    public void Caps_apply_to_the_order_after_boosts()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new { name = "lift-a3", kind = "boost", when = "item.Id == \"a3\"", factor = 10 },
            new { name = "cap", kind = "diversity", by = "category", max = 1 });
        using var host = folder.Host();
        RankedCandidate[] candidates = [Candidate("a1", 0.9, "A"), Candidate("a2", 0.8, "A"), Candidate("a3", 0.1, "A"), Candidate("b1", 0.05, "B")];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 2);

        // a3 (0.1 × 10 = 1.0) is now A's best and takes A's one place.
        Assert.Equal(["a3", "b1"], Ids(result));
        Assert.Equal(["lift-a3"], result.Items[0].FiredRules);
    }

    [Fact]
    public void Caps_can_group_by_age_rating_tags_or_a_computed_key()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("rating", new { name = "cap", kind = "diversity", by = "ageRating", max = 1 });
        folder.WriteWorkflow("tag", new { name = "cap", kind = "diversity", by = "tags", max = 1 });
        folder.WriteWorkflow("initial", new { name = "cap", kind = "diversity", byExpression = "item.Title.Substring(0, 1).ToUpper()", max = 1 });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            new(new RuleItem("1", title: "alien", ageRating: "R", tags: ["space"]), 0.9),
            new(new RuleItem("2", title: "Amadeus", ageRating: "PG", tags: ["music"]), 0.8),
            new(new RuleItem("3", title: "Brazil", ageRating: "R", tags: ["space"]), 0.7),
            new(new RuleItem("4", title: "", ageRating: "", tags: []), 0.6),
        ];

        Assert.Equal(["1", "2", "4"], Ids(host.Apply("rating", RuleUser.Anonymous, Context(), candidates, k: 10)));
        Assert.Equal(["1", "2", "4"], Ids(host.Apply("tag", RuleUser.Anonymous, Context(), candidates, k: 10)));
        // "4" has an empty title: Substring(0, 1) throws, which leaves it unconstrained and counts a runtime error.
        Assert.Equal(["1", "3", "4"], Ids(host.Apply("initial", RuleUser.Anonymous, Context(), candidates, k: 10)));
        Assert.Equal(1, host.Status.Active.Single(w => w.Name == "initial").Rules.Single().RuntimeErrors);
    }

    [Fact]
    public void Several_caps_hold_together()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new { name = "category", kind = "diversity", by = "categories", max = 2 },
            new { name = "rating", kind = "diversity", by = "ageRating", max = 1 });
        using var host = folder.Host();
        RankedCandidate[] candidates =
        [
            new(new RuleItem("a-r", categories: ["A"], ageRating: "R"), 0.9),
            new(new RuleItem("a-r2", categories: ["A"], ageRating: "R"), 0.8),
            new(new RuleItem("a-pg", categories: ["A"], ageRating: "PG"), 0.7),
            new(new RuleItem("a-g", categories: ["A"], ageRating: "G"), 0.6),
            new(new RuleItem("b-g", categories: ["B"], ageRating: "G"), 0.5),
        ];

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);

        // a-r2 breaks the rating cap (R is taken); a-g breaks the category cap (A is taken twice); b-g fits, because
        // a-g was not admitted and G is still free.
        Assert.Equal(["a-r", "a-pg", "b-g"], Ids(result));
        Assert.Equal(2, result.HeldBackByDiversity);
    }

    [Fact]
    public void Caps_look_past_the_first_candidates_when_many_are_held_back_before_backfilling()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "cap", kind = "diversity", by = "categories", max = 1, backfill = true });
        using var host = folder.Host();
        // 60 "A" items and, at the very end of the score order, one "B". Scores rise along the list (not a ranked
        // list), so the host must order it; the B item is 61st of 61.
        var candidates = Enumerable.Range(0, 60).Select(i => Candidate($"a{i}", 0.1 + i / 100.0, "A"))
            .Prepend(Candidate("b", 0.01, "B")).ToArray();

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 3);

        // Best A (a59), then B (a distinct category beats a backfill however far down it is), then the best held-back A.
        Assert.Equal(["a59", "b", "a58"], Ids(result));
        Assert.Equal(["cap"], result.Items[2].FiredRules);
        Assert.Equal(58, result.HeldBackByDiversity);
    }

    [Fact]
    public void Reordered_pools_give_the_same_top_list_as_a_full_sort()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new { name = "lift", kind = "boost", when = "item.HasTag(\"lift\")", factor = 3 },
            new { name = "cap", kind = "diversity", by = "categories", max = 2, backfill = true });
        using var host = folder.Host();
        var random = new Random(11);
        string[] categories = ["A", "B", "C", "D", "E"];
        var candidates = Enumerable.Range(0, 400)
            .Select(i => new RankedCandidate(
                new RuleItem($"i{i}", categories: [categories[random.Next(categories.Length)]], tags: random.Next(10) == 0 ? ["lift"] : []),
                Math.Round(1.0 - i / 500.0, 3)))
            .ToArray();

        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 12);

        // Reference: every adjusted score, a full sort, then the caps by hand.
        var ordered = candidates.Select((c, i) => (c.Item, Score: c.Item.HasTag("lift") ? c.Score * 3 : c.Score, Index: i))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Index).ToArray();
        var counts = new Dictionary<string, int>();
        var expected = new List<string>();
        foreach (var (item, _, _) in ordered)
        {
            var category = item.Categories[0];
            if (counts.GetValueOrDefault(category) < 2 && expected.Count < 12)
            {
                counts[category] = counts.GetValueOrDefault(category) + 1;
                expected.Add(item.Id);
            }
        }
        Assert.Equal(10, expected.Count); // five categories × 2; two more come from backfill in score order
        expected.AddRange(ordered.Select(c => c.Item.Id).Where(id => !expected.Contains(id)).Take(2));
        Assert.Equal(expected, Ids(result));
    }
}
