using Recommender.Rules.Compilation;
using Recommender.Rules.Execution;
using Recommender.Rules.Tests.TestData;
using RulesEngine.Models;
using static Recommender.Rules.Tests.TestData.Candidates;

namespace Recommender.Rules.Tests;

/// <summary>
/// The host evaluates compiled delegates for speed; this checks that they mean what RulesEngine itself makes of the
/// translated workflow: RulesEngine runs each candidate through <c>ExecuteAllRulesAsync</c>, and its rule results
/// and OutputExpression factors, combined by hand, must give the same list and scores as the host.
/// </summary>
public class RulesEngineEquivalenceTests
{
    [Fact]
    public async Task RulesEngine_running_the_translated_workflow_agrees_with_the_host()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow(
            "w",
            new { name = "stock", kind = "filter", when = "!item.InStock" },
            new { name = "adult", kind = "filter", when = "item.AgeRating == \"R\" && !(user.Age >= 17)" },
            new { name = "segments", kind = "boost", when = "item.HasAnyCategory(user.Segments)", factor = 1.5 },
            new { name = "cheap", kind = "boost", when = "item.Price < context.Number(\"cheap\")", factor = "1 + (context.Number(\"cheap\") - item.Price.Value) / 100" },
            new { name = "old", kind = "bury", when = "item.AgeInDays(context.Now) > 365", factor = 0.7 },
            new { name = "late-rank", kind = "bury", when = "candidate.Rank > 30", factor = "Math.Max(0.5, 1 - candidate.Rank / 200.0)" });
        using var host = folder.Host();
        var user = new RuleUser("u", age: 15, segments: ["Comedy", "Horror"]);
        var context = Context(("cheap", 20.0));
        var candidates = RandomCandidates(seed: 7, count: 60);

        var actual = host.Apply("w", user, context, candidates, k: 25);

        var compiled = host.FindCompiled("w")!;
        var engine = new RulesEngine.RulesEngine([compiled.EngineWorkflow], RuleSettings.Create());
        var expected = new List<(string Id, double Score, int Index)>();
        var view = new RuleCandidate();
        for (var i = 0; i < candidates.Length; i++)
        {
            view.MoveTo(candidates[i], i + 1);
            var results = await engine.ExecuteAllRulesAsync(
                "w",
                [
                    new RuleParameter(RuleSettings.ItemParameter, candidates[i].Item),
                    new RuleParameter(RuleSettings.UserParameter, user),
                    new RuleParameter(RuleSettings.ContextParameter, context),
                    new RuleParameter(RuleSettings.CandidateParameter, view),
                ],
                TestContext.Current.CancellationToken);
            Assert.All(results, r => Assert.Null(r.ExceptionMessage is "" ? null : r.ExceptionMessage));
            if (results.Any(r => r.IsSuccess && (string)r.Rule.Properties[EngineWorkflowTranslator.KindProperty] == "filter"))
                continue;
            var score = candidates[i].Score;
            foreach (var result in results.Where(r => r.IsSuccess && r.ActionResult?.Output is not null))
                score = CompiledScoreRule.Scale(score, Convert.ToDouble(result.ActionResult.Output, System.Globalization.CultureInfo.InvariantCulture));
            expected.Add((candidates[i].Item.Id, score, i));
        }
        var top = expected.OrderByDescending(e => e.Score).ThenBy(e => e.Index).Take(25).ToArray();

        Assert.True(expected.Count < candidates.Length, "the sample should exercise the filters");
        Assert.Equal(top.Select(e => e.Id), Ids(actual));
        Assert.Equal(top.Select(e => e.Score), actual.Items.Select(i => i.Score));
    }

    private static RankedCandidate[] RandomCandidates(int seed, int count)
    {
        var random = new Random(seed);
        string[] categories = ["Comedy", "Drama", "Horror", "Action"];
        string[] ratings = ["G", "PG", "R", ""];
        return Enumerable.Range(0, count)
            .Select(i => new RankedCandidate(
                new RuleItem(
                    $"i{i}",
                    categories: [categories[random.Next(categories.Length)]],
                    price: random.Next(3) == 0 ? null : random.Next(1, 40),
                    inStock: random.Next(8) != 0,
                    ageRating: ratings[random.Next(ratings.Length)],
                    createdAt: Now.AddDays(-random.Next(0, 800))),
                1.0 - i / 100.0))
            .ToArray();
    }
}
