using System.Text.Json;

namespace Recommender.Api.Tests.Cli;

/// <summary>The simulate verb end to end at small sizes: a 400-user synthetic data set (100 items: with fewer, popularity finds as much as SAR), 10 runs per scenario.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simulate-tests-" + Guid.NewGuid().ToString("N"));

    public SimulateCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Small_simulation_requests_every_list_once_and_reports_the_three_scenarios()
    {
        var run = await CliProcess.RunAsync(_folder, TestContext.Current.CancellationToken,
            "simulate", "--runs", "10", "--users", "4000", "--data-users", "400", "--seed", "3", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = JsonDocument.Parse(run.LastLine).RootElement;
        Assert.Equal(10, report.GetProperty("runs").GetInt32());
        Assert.Equal(4000, report.GetProperty("usersPerExperiment").GetInt32());
        Assert.Equal(400, report.GetProperty("dataSetUsers").GetInt32());
        // One request per data-set user and variant (control, treatment, weakened), reused by every run.
        Assert.Equal(1200, report.GetProperty("requests").GetInt32());
        var hits = report.GetProperty("heldOutItemsPerResponse");
        // SAR finds more of what users held out than popularity does: the weakened variant really is weaker.
        Assert.True(hits.GetProperty("strong").GetDouble() > hits.GetProperty("weakened").GetDouble());
        Assert.True(report.GetProperty("abMeanRelativeLift").GetDouble() < 0);
        // Binomial(10, 0.05): 5 or more false positives has probability 6e-5.
        Assert.InRange(report.GetProperty("aaFalsePositiveShare").GetDouble(), 0, 0.4);
        Assert.InRange(report.GetProperty("abDetectionRate").GetDouble(), 0.8, 1);
        // 45/55 over 4000 users analysed as 50/50: expected χ² ≈ 41, p ≈ 1e-10, flagged in practically every run.
        Assert.InRange(report.GetProperty("srmFlagShare").GetDouble(), 0.8, 1);
        // The human-readable table went to stderr.
        Assert.Contains("SRM flagged", run.Stderr, StringComparison.Ordinal);
    }
}
