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
    public string Models { get; init; } = "popularity,sar";

    public async ValueTask InitializeAsync()
    {
        new SyntheticGenerator(new SyntheticOptions(Users: 400, Items: 300, Interactions: 8_000, Seed: 11)).WriteTo(DataPath);
        _app = RecommenderApp.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Recommender:DataPath"] = DataPath,
            ["Recommender:ModelsPath"] = ModelsPath,
            ["Recommender:Models"] = Models,
            ["Recommender:SimilarItemsModel"] = "sar",
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
        await _app.Services.GetRequiredService<ModelStore>().WhenReady.WaitAsync(TimeSpan.FromMinutes(2));
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
