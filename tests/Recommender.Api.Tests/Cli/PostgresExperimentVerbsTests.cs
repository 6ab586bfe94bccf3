using System.Text.Json;
using Recommender.Api.Experiments;
using Recommender.Api.Tests.Experiments;
using Recommender.Experiments.Storage;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Api.Tests.Cli;

/// <summary>report and import-outcomes against a real PostgreSQL (--postgres), each test in its own schema.</summary>
public sealed class PostgresExperimentVerbsTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pg-verbs-tests-" + Guid.NewGuid().ToString("N"));
    private PostgresSchema? _schema;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _schema = await PostgresSchema.CreateAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
            await _schema.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<IExperimentStore> OpenAsync() =>
        ExperimentStore.OpenAsync(new ExperimentStoreOptions { PostgresConnectionString = _schema!.ConnectionString }, cancellationToken: Cancel);

    [Fact]
    public async Task Report_reads_the_same_results_from_postgresql()
    {
        await using (var store = await OpenAsync())
            await ResultsScenario.SeedAsync(store, Cancel);
        var experiments = Path.Combine(_folder, "experiments.json");
        await File.WriteAllTextAsync(experiments, ResultsScenario.Experiments, Cancel);

        var run = await CliProcess.RunAsync(_folder, Cancel,
            "report", "--experiment", "results-ab", "--metric", "click", "--experiments", experiments, "--postgres", _schema!.ConnectionString, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var results = JsonSerializer.Deserialize<ExperimentResults>(run.LastLine, Json)!;
        // The values worked out in ExperimentResultsApiTests.
        Assert.Equal([1.0, 2.0], results.Variants.Select(v => v.Metric.Mean!.Value));
        Assert.Equal([4L, 5L], results.Variants.Select(v => v.Exposures!.Value));
        Assert.Equal(1 - Math.Sqrt(3) / 2, results.Variants[1].Lift!.PValue!.Value, 6);
        Assert.Equal(1.0, results.Cuped.Theta!.Value, 9);
    }

    [Fact]
    public async Task Import_outcomes_into_postgresql_counts_duplicates()
    {
        var csv = Path.Combine(_folder, "outcomes.csv");
        await File.WriteAllTextAsync(csv, """
            type,eventId,userId,itemId,timestamp,value
            click,e1,u1,i1,2025-01-01T00:00:00Z,
            purchase,e2,u1,i1,2025-01-01T00:01:00Z,9.99
            click,e1,u1,i1,2025-01-01T00:00:00Z,
            """, Cancel);

        var run = await CliProcess.RunAsync(_folder, Cancel, "import-outcomes", "--file", csv, "--postgres", _schema!.ConnectionString, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var summary = JsonDocument.Parse(run.LastLine).RootElement;
        Assert.Equal((2L, 1L, 0L), (summary.GetProperty("accepted").GetInt64(), summary.GetProperty("duplicates").GetInt64(), summary.GetProperty("rejected").GetInt64()));
        await using var store = await OpenAsync();
        Assert.Equal(2, await store.CountOutcomesAsync(Cancel));
    }
}
