using System.Text.Json;
using Recommender.Api.Experiments;
using Recommender.Api.Tests.Experiments;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Tests.Cli;

/// <summary>The report verb on <see cref="ResultsScenario"/>'s data in a SQLite store: the same analysis as the endpoint (expected values from there).</summary>
public sealed class ReportCommandTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "report-tests-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Database => Path.Combine(_folder, "experiments.db");

    private string ExperimentsFile => Path.Combine(_folder, "experiments.json");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(ExperimentsFile, ResultsScenario.Experiments, Cancel);
        await using var store = await ExperimentStore.OpenAsync(new ExperimentStoreOptions { SqlitePath = Database }, cancellationToken: Cancel);
        await ResultsScenario.SeedAsync(store, Cancel);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task<CliProcess.Result> ReportAsync(params string[] args) =>
        CliProcess.RunAsync(_folder, Cancel, ["report", "--experiments", ExperimentsFile, "--database", Database, .. args]);

    [Fact]
    public async Task Json_output_carries_the_same_analysis_as_the_endpoint()
    {
        var run = await ReportAsync("--experiment", "results-ab", "--metric", "click", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var results = JsonSerializer.Deserialize<ExperimentResults>(run.LastLine, Json)!;
        Assert.Equal("control", results.ControlVariant);
        Assert.Equal([1.0, 2.0], results.Variants.Select(v => v.Metric.Mean!.Value));
        Assert.Equal(1 - Math.Sqrt(3) / 2, results.Variants[1].Lift!.PValue!.Value, 6);
        Assert.Equal(0.0498253, results.Variants[1].CupedLift!.PValue!.Value, 6);
        // The human-readable table went to stderr, keeping stdout to the JSON.
        Assert.Contains("control (control)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_shows_variants_lift_srm_and_cuped()
    {
        var run = await ReportAsync("--experiment", "results-srm", "--metric", "click");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("a (control)", run.Stdout, StringComparison.Ordinal);
        // χ² = 16, p = 6.33e-05 (worked out in ExperimentResultsApiTests).
        Assert.Contains("χ² = 16, p = 6.33E-05", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("MISMATCH", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("CUPED: not applied", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--experiment", "nope", "--metric", "click")]
    [InlineData("--experiment", "results-ab", "--metric", "happiness")]
    public async Task Unknown_experiment_or_metric_is_a_usage_error(params string[] args)
    {
        var run = await ReportAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Known:", run.Stdout, StringComparison.Ordinal);
    }
}
