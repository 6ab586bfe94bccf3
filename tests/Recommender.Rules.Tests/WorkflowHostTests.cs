using Recommender.Rules.Tests.TestData;
using static Recommender.Rules.Tests.TestData.Candidates;

namespace Recommender.Rules.Tests;

public class WorkflowHostTests
{
    private static readonly object InStockOnly = new { name = "in-stock-only", kind = "filter", when = "!item.InStock" };

    [Fact]
    public void An_unknown_workflow_name_is_a_clear_error_naming_what_is_loaded()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("default", InStockOnly);
        folder.WriteWorkflow("none");
        using var host = folder.Host();

        var error = Assert.Throws<UnknownWorkflowException>(
            () => host.Apply("defualt", RuleUser.Anonymous, Context(), [Candidate("a", 1)], k: 10));

        Assert.Equal("defualt", error.Workflow);
        Assert.Equal(["default", "none"], error.Known);
        Assert.Equal("No rules workflow named 'defualt' is loaded; loaded: default, none.", error.Message);
        Assert.IsAssignableFrom<KeyNotFoundException>(error);
    }

    [Fact]
    public void A_bad_expression_is_refused_with_rule_and_reason_and_the_previous_version_keeps_serving()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", InStockOnly);
        using var host = folder.Host();
        var good = host.Status.Active.Single();
        RankedCandidate[] candidates = [new(new RuleItem("out", inStock: false), 0.9), new(new RuleItem("in"), 0.8)];

        folder.WriteWorkflow("w", InStockOnly, new { name = "typo", kind = "boost", when = "item.InStok", factor = 2 });
        var report = host.Reload();

        var refusal = Assert.Single(report.Refused);
        Assert.Equal("w.json", refusal.File);
        Assert.Equal("w", refusal.Workflow);
        Assert.Equal("typo", refusal.Rule);
        Assert.StartsWith("\"when\" does not compile: ", refusal.Reason);
        Assert.Contains("InStok", refusal.Reason);
        Assert.Empty(report.Loaded);
        Assert.Equal(refusal, host.Status.LastRefusal);
        Assert.Equal([refusal], host.Status.Refused);
        // The previous version is still the one served.
        var served = host.Status.Active.Single();
        Assert.Equal(good.Version, served.Version);
        Assert.Equal(["in-stock-only"], served.Rules.Select(r => r.Name));
        var result = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);
        Assert.Equal(["in"], Ids(result));
        Assert.Equal(good.Version, result.Version);
    }

    [Fact]
    public void Fixing_a_refused_file_serves_the_fix_and_clears_the_pending_refusal_but_keeps_it_as_the_last()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "broken", kind = "filter", when = "item.Nope" });
        using var host = folder.Host();
        Assert.False(host.HasWorkflow("w"));
        Assert.Equal("broken", host.Status.LastRefusal?.Rule);

        folder.WriteWorkflow("w", InStockOnly);
        var report = host.Reload();

        Assert.Equal(["w"], report.Loaded);
        Assert.True(host.HasWorkflow("w"));
        Assert.Empty(host.Status.Refused);
        Assert.Equal("broken", host.Status.LastRefusal?.Rule);
    }

    [Fact]
    public void An_unchanged_file_is_not_compiled_again()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", InStockOnly);
        using var host = folder.Host();
        var first = host.Status.Active.Single();

        var report = host.Reload();

        Assert.Empty(report.Loaded);
        Assert.Empty(report.Refused);
        Assert.Same(first.Rules[0].Name, host.Status.Active.Single().Rules[0].Name);
        Assert.Equal(first.LoadedAt, host.Status.Active.Single().LoadedAt);
    }

    [Fact]
    public void A_deleted_file_stops_its_workflow()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("a", InStockOnly);
        folder.WriteWorkflow("b", InStockOnly);
        using var host = folder.Host();

        folder.Delete("a.json");
        var report = host.Reload();

        Assert.Equal(["a"], report.Removed);
        Assert.Equal(["b"], host.WorkflowNames);
        Assert.Throws<UnknownWorkflowException>(() => host.Apply("a", RuleUser.Anonymous, Context(), [], k: 1));
    }

    [Fact]
    public void Status_describes_each_active_workflow_and_its_rules()
    {
        using var folder = new RulesFolder();
        folder.Write("w.json", """
            {
              "workflow": "w",
              "description": "test workflow",
              // comments and trailing commas are allowed
              "rules": [
                { "name": "stock", "kind": "filter", "when": "!item.InStock", "description": "in stock only" },
                { "name": "lift", "kind": "boost", "when": "item.HasTag(\"new\")", "factor": 1.5 },
                { "name": "cap", "kind": "diversity", "by": "categories", "max": 3 },
              ]
            }
            """);
        using var host = folder.Host();

        var status = host.Status;

        Assert.Equal(folder.Path, status.Folder);
        var workflow = Assert.Single(status.Active);
        Assert.Equal("w", workflow.Name);
        Assert.Equal("test workflow", workflow.Description);
        Assert.Equal("w.json", workflow.File);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder.Path, "w.json"))));
        Assert.Equal(sha[..16], workflow.Version);
        Assert.Equal(
            [
                new ActiveRule("stock", RuleKind.Filter, true, "in stock only", "!item.InStock", null, null, null, 0),
                new ActiveRule("lift", RuleKind.Boost, true, null, "item.HasTag(\"new\")", "1.5", null, null, 0),
                new ActiveRule("cap", RuleKind.Diversity, true, null, null, null, "Categories", 3, 0),
            ],
            workflow.Rules);
        Assert.Null(status.LastRefusal);
        Assert.Null(workflow.LastRuntimeError);
    }

    [Fact]
    public void Apply_checks_its_arguments()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w");
        using var host = folder.Host();

        Assert.Throws<ArgumentOutOfRangeException>(() => host.Apply("w", RuleUser.Anonymous, Context(), [], k: 0));
        Assert.Throws<ArgumentNullException>(() => host.Apply("w", RuleUser.Anonymous, Context(), null!, k: 1));
        Assert.Throws<ArgumentException>(() => host.Apply("w", RuleUser.Anonymous, Context(), [default], k: 1));
        Assert.Empty(host.Apply("w", RuleUser.Anonymous, Context(), [], k: 1).Items);
    }

    [Fact]
    public void A_missing_folder_is_an_error_at_construction()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-rules-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<DirectoryNotFoundException>(() => new RuleWorkflowHost(new RuleWorkflowHostOptions(missing)));
    }

    [Fact]
    public async Task Concurrent_requests_during_reloads_see_one_whole_version_each()
    {
        using var folder = new RulesFolder();
        // Version A drops "x"; version B drops "y". A request must never see both or neither dropped.
        folder.WriteWorkflow("w", new { name = "drop", kind = "filter", when = "item.Id == \"x\"" });
        using var host = folder.Host();
        RankedCandidate[] candidates = [Candidate("x", 0.9), Candidate("y", 0.8), Candidate("z", 0.7)];
        using var stop = new CancellationTokenSource();
        var started = Enumerable.Range(0, 2).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        var readers = started.Select(reader => Task.Run(() =>
        {
            var seen = 0;
            while (!stop.IsCancellationRequested)
            {
                var ids = Ids(host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10));
                Assert.True(ids.SequenceEqual(["y", "z"]) || ids.SequenceEqual(["x", "z"]), string.Join(",", ids));
                seen++;
                reader.TrySetResult();
            }
            return seen;
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        for (var i = 0; i < 20; i++)
        {
            folder.WriteWorkflow("w", new { name = "drop", kind = "filter", when = i % 2 == 0 ? "item.Id == \"y\"" : "item.Id == \"x\"" });
            host.Reload();
        }
        stop.Cancel();

        Assert.All(await Task.WhenAll(readers), seen => Assert.True(seen > 0));
    }
}
