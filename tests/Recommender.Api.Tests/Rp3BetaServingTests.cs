using System.Net;
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
    public async Task Known_and_folded_in_users_get_blended_recommendations()
    {
        var cancel = TestContext.Current.CancellationToken;
        var interactions = _service.Store.Serving!.Matrix;
        var user = interactions.Users.Ids[0];
        var history = interactions.ItemsOf(0).ToArray().Take(3).Select(i => interactions.Items.Ids[i]).ToList();

        var known = await _service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = user, k = 5 }, cancel);
        var folded = await _service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = "someone-new", k = 5, recentItemIds = history }, cancel);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, folded.StatusCode);
        var knownBody = await known.Content.ReadFromJsonAsync<RecommendationResponse>(cancel);
        var foldedBody = await folded.Content.ReadFromJsonAsync<RecommendationResponse>(cancel);
        Assert.Equal("1", knownBody!.ModelVersions["rp3beta"]);
        Assert.Equal(5, knownBody.Items.Count);
        Assert.Equal(5, foldedBody!.Items.Count);
        // Folded-in history is excluded as seen.
        Assert.DoesNotContain(foldedBody.Items, i => history.Contains(i.ItemId));
    }
}
