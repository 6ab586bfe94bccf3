using System.Net.Http.Json;
using Recommender.Api.Apis;

namespace Recommender.Api.Tests;

/// <summary>The RP3β preset served by the real host: named in Recommender:Models, trained, published and blended.</summary>
public sealed class Rp3BetaServingTests : IAsyncLifetime
{
    private static readonly string BlendWithRp3Beta = SingleVariantExperiments.Serving("graph", """
        { "strategy": "weighted", "models": ["rp3beta", "sar"], "weights": { "rp3beta": 0.7, "sar": 0.3 }, "normalization": "minmax", "rules": "none" }
        """);

    private readonly RunningService _service = new() { Models = "popularity,sar,rp3beta", Experiments = BlendWithRp3Beta };

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task The_preset_is_trained_published_and_listed()
    {
        var models = await _service.Client.GetFromJsonAsync<ModelsResponse>("/v1/models", TestContext.Current.CancellationToken);

        var rp3Beta = Assert.Single(models!.Models, m => m.Name == "rp3beta");
        Assert.Equal("1", rp3Beta.LatestVersion);
        Assert.Equal("rp3beta", Assert.Single(rp3Beta.Versions).Kind);
    }

    [Fact]
    public Task Known_and_folded_in_users_get_blended_recommendations() =>
        ServedPresetChecks.KnownAndFoldedInUsersGetRecommendationsAsync(_service, "rp3beta", TestContext.Current.CancellationToken);
}
