using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Recommender.Api.Hosting;
using Recommender.Api.Serving;
using Recommender.Ensemble.Data.Synthetic;

namespace Recommender.Api.Tests;

/// <summary>
/// The real service on Kestrel at 127.0.0.1 (a free port), serving a small synthetic data set from a temporary
/// folder with its own registry. Tests talk to it over HTTP.
/// </summary>
public sealed class RunningService : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "api-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public string DataPath => Path.Combine(_root, "data");

    public string ModelsPath => Path.Combine(_root, "models");

    /// <summary>Presets served; the cheap ones keep the suite fast.</summary>
    public string Models { get; init; } = "popularity,sar,als";

    public string ExperimentsPath => Path.Combine(_root, "experiments.json");

    /// <summary>The registry the service serves from; tests publish new versions into it.</summary>
    public Recommender.Ensemble.Registry.ModelRegistry Registry => _app!.Services.GetRequiredService<Recommender.Ensemble.Registry.ModelRegistry>();

    public ModelStore Store => _app!.Services.GetRequiredService<ModelStore>();

    /// <summary>The running host's services (the experiments store, the configuration store, ...).</summary>
    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        new SyntheticGenerator(new SyntheticOptions(Users: 400, Items: 300, Interactions: 8_000, Seed: 11)).WriteTo(DataPath);
        File.WriteAllText(ExperimentsPath, ExperimentsJson);
        _app = RecommenderApp.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Recommender:ExperimentsPath"] = ExperimentsPath,
            ["Recommender:RulesPath"] = Path.Combine(RepositoryRoot(), "data", "rules"),
            ["Recommender:DataPath"] = DataPath,
            ["Recommender:ModelsPath"] = ModelsPath,
            ["Recommender:Models"] = Models,
            ["Recommender:SimilarItemsModel"] = "sar",
            ["Recommender:ExperimentsDatabase"] = Path.Combine(_root, "experiments.db"),
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
        await _app.Services.GetRequiredService<ModelStore>().WhenReady.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// "default" and "home": a z-score blend of ALS and SAR under the shipped default rules; "fallback": a cascade
    /// SAR → popularity without rules.
    /// </summary>
    public const string ExperimentsJson = """
        {
          "placements": { "default": "home-ranker", "home": "home-ranker", "fallback": "fallback-test" },
          "feature_management": { "feature_flags": [
            { "id": "home-ranker", "enabled": true,
              "variants": [ { "name": "blend", "configuration_value": { "strategy": "weighted", "models": ["als", "sar"], "weights": { "als": 0.6, "sar": 0.4 }, "normalization": "zscore", "rules": "default" } } ],
              "allocation": { "default_when_enabled": "blend" } },
            { "id": "fallback-test", "enabled": true,
              "variants": [ { "name": "control", "configuration_value": { "strategy": "cascade", "models": ["sar", "popularity"], "rules": "none" } } ],
              "allocation": { "default_when_enabled": "control" } }
          ] }
        }
        """;

    /// <summary>The checkout this test runs from (where Recommender.sln is).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recommender.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Recommender.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
