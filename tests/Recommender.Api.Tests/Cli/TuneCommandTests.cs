using System.Text.Json;

namespace Recommender.Api.Tests.Cli;

/// <summary>
/// `tune --policies`: the variants of an experiments file scored on validation carves, on a small synthetic data set
/// (400 users, 100 items: as in <see cref="SimulateCommandTests"/>, SAR finds more held-out items there than popularity).
/// </summary>
public sealed class TuneCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tune-tests-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Data => Path.Combine(_folder, "data");

    private string PoliciesFile => Path.Combine(_folder, "experiments.json");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var synth = await CliProcess.RunAsync(_folder, Cancel, "synth", "--output", Data, "--users", "400", "--items", "100", "--interactions", "12000", "--seed", "3");
        Assert.True(synth.ExitCode == 0, synth.Stderr);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static string Experiments(string variants) => $$"""
        { "placements": { "default": "ranker" },
          "feature_management": { "feature_flags": [ {
            "id": "ranker", "enabled": true,
            "variants": [ {{variants}} ],
            "allocation": { "default_when_enabled": "popular" } } ] } }
        """;

    [Fact]
    public async Task Scores_every_variant_on_the_search_carves_best_first()
    {
        await File.WriteAllTextAsync(PoliciesFile, Experiments("""
            { "name": "popular", "configuration_value": { "strategy": "cascade", "models": [ "popularity" ], "rules": "default" } },
            { "name": "sar", "configuration_value": { "strategy": "cascade", "models": [ "sar", "popularity" ], "rules": "default" } },
            { "name": "blend", "configuration_value": { "strategy": "weighted", "models": [ "sar", "popularity" ], "weights": { "sar": 1, "popularity": 0.1 }, "rules": "default" } },
            { "name": "learned", "configuration_value": { "strategy": "learned", "ranker": "not-in-any-registry", "models": [ "sar", "popularity" ], "rules": "default" } }
            """), Cancel);

        var run = await CliProcess.RunAsync(_folder, Cancel, "tune", "--data", Data, "--policies", PoliciesFile, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = JsonDocument.Parse(run.LastLine).RootElement.EnumerateArray().ToList();
        var names = rows.Select(r => r.GetProperty("candidate").GetString()).ToList();
        Assert.Equal(4, names.Count);
        Assert.Contains("ranker/popular: cascade over popularity", names);
        Assert.Contains("ranker/sar: cascade over sar, popularity", names);
        Assert.Contains("ranker/blend: weighted over sar, popularity", names);
        // The registry ranker it names is not needed: a ranker is trained on each carve's inner train instead.
        Assert.Contains("ranker/learned: learned over sar, popularity", names);
        var ndcg = rows.ToDictionary(r => r.GetProperty("candidate").GetString()!.Split(':')[0], r => r.GetProperty("ndcg").GetDouble());
        Assert.True(ndcg["ranker/sar"] > ndcg["ranker/popular"], $"SAR {ndcg["ranker/sar"]} should beat popularity {ndcg["ranker/popular"]}");
        Assert.Equal(ndcg.Values.OrderDescending(), rows.Select(r => r.GetProperty("ndcg").GetDouble()));
        foreach (var row in rows)
        {
            // One value per carve of the ensemble search (seeds 2, 3, 4); the table's figure is their mean.
            var perCarve = row.GetProperty("ndcgPerCarve").EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(3, perCarve.Count);
            Assert.All(perCarve, v => Assert.InRange(v, 0.0, 1.0));
            Assert.Equal(perCarve.Average(), row.GetProperty("ndcg").GetDouble(), 12);
        }
        Assert.Contains("rules workflows do not apply", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_file_with_unknown_models_or_bad_parameters_naming_each_path()
    {
        await File.WriteAllTextAsync(PoliciesFile, Experiments("""
            { "name": "popular", "configuration_value": { "strategy": "cascade", "models": [ "popularity", "alss" ], "rules": "default" } },
            { "name": "blend", "configuration_value": { "strategy": "weighted", "models": [ "sar" ], "weights": { "sar": 1, "ease": 0.5 }, "normalization": "median", "rules": "default" } }
            """), Cancel);

        // The data folder is never read: the file is refused first.
        var run = await CliProcess.RunAsync(_folder, Cancel, "tune", "--data", Path.Combine(_folder, "missing"), "--policies", PoliciesFile);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.feature_management.feature_flags[0].variants[0].configuration_value.models[1]: 'alss' is not a model preset", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("$.feature_management.feature_flags[0].variants[1].configuration_value.weights.ease: names a model this variant does not use", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("$.feature_management.feature_flags[0].variants[1].configuration_value.normalization:", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Needs_exactly_one_of_model_and_policies(bool both)
    {
        string[] args = both ? ["tune", "--data", Data, "--model", "als", "--policies", PoliciesFile] : ["tune", "--data", Data];

        var run = await CliProcess.RunAsync(_folder, Cancel, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Give either --model or --policies.", run.Stdout, StringComparison.Ordinal);
    }
}
