using Recommender.Rules.Tests.TestData;
using static Recommender.Rules.Tests.TestData.Candidates;

namespace Recommender.Rules.Tests;

public class HotReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_changed_file_is_picked_up_without_a_restart()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "drop-a", kind = "filter", when = "item.Id == \"a\"" });
        using var host = folder.Host(watch: true, debounce: TimeSpan.FromMilliseconds(50));
        RankedCandidate[] candidates = [Candidate("a", 0.9), Candidate("b", 0.8)];
        var before = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);
        var reloaded = WaitFor(host, report => report.Loaded.Contains("w"));

        folder.WriteWorkflow("w", new { name = "drop-b", kind = "filter", when = "item.Id == \"b\"" });
        await reloaded.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var after = host.Apply("w", RuleUser.Anonymous, Context(), candidates, k: 10);
        Assert.Equal(["b"], Ids(before));
        Assert.Equal(["a"], Ids(after));
        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public async Task A_new_file_adds_a_workflow_and_a_bad_edit_is_refused_while_the_old_version_serves()
    {
        using var folder = new RulesFolder();
        using var host = folder.Host(watch: true, debounce: TimeSpan.FromMilliseconds(50));
        Assert.Empty(host.WorkflowNames);

        var added = WaitFor(host, report => report.Loaded.Contains("fresh"));
        folder.WriteWorkflow("fresh", new { name = "drop-a", kind = "filter", when = "item.Id == \"a\"" });
        await added.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var version = host.Status.Active.Single().Version;

        // Wait for the refusal of the complete file: a scan may also catch it half-written (and refuse that).
        var refused = WaitFor(host, report => report.Refused.Any(r => r.Rule == "leaky"));
        folder.WriteWorkflow("fresh", new { name = "leaky", kind = "filter", when = "item.GetType().Assembly.Location != \"\"" });
        var refusal = (await refused.WaitAsync(Patience, TestContext.Current.CancellationToken)).Refused.Single(r => r.Rule == "leaky");

        Assert.Equal("\"when\" uses the member System.Reflection.Assembly.Location, outside the allowed types", refusal.Reason);
        Assert.Equal(version, host.Status.Active.Single().Version);
        Assert.Equal(["b"], Ids(host.Apply("fresh", RuleUser.Anonymous, Context(), [Candidate("a", 0.9), Candidate("b", 0.8)], k: 10)));
    }

    /// <summary>Completes with the first reload report that satisfies <paramref name="condition"/>.</summary>
    private static Task<RulesReloadReport> WaitFor(RuleWorkflowHost host, Func<RulesReloadReport, bool> condition)
    {
        var completion = new TaskCompletionSource<RulesReloadReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Reloaded += (_, report) =>
        {
            if (condition(report))
                completion.TrySetResult(report);
        };
        return completion.Task;
    }
}
