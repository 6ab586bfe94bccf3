using System.Net.Http.Json;
using System.Text.Json;

namespace Recommender.Api.Tests;

/// <summary>The Mult-VAE preset served by the real host: named in Recommender:Models, trained, published, blended and asked for similar items.</summary>
public sealed class MultVaeServingTests : IAsyncLifetime
{
    private static readonly string BlendWithMultVae = SingleVariantExperiments.Serving("vae", """
        { "strategy": "weighted", "models": ["multvae", "sar"], "weights": { "multvae": 0.7, "sar": 0.3 }, "normalization": "minmax", "rules": "none" }
        """);

    private readonly RunningService _service = new()
    {
        Models = "popularity,sar,multvae",
        Experiments = BlendWithMultVae,
        Settings = new Dictionary<string, string?> { ["Recommender:SimilarItemsModel"] = "multvae" },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task The_preset_is_trained_published_and_listed_with_how_it_scores()
    {
        var models = await _service.Client.GetFromJsonAsync<JsonElement>("/v1/models", Cancel);

        var multVae = Assert.Single(models.GetProperty("models").EnumerateArray(), m => m.GetProperty("name").GetString() == "multvae");
        Assert.Equal("1", multVae.GetProperty("latestVersion").GetString());
        var version = Assert.Single(multVae.GetProperty("versions").EnumerateArray());
        Assert.Equal("multvae", version.GetProperty("kind").GetString());
        Assert.Equal("autoencoder forward pass", version.GetProperty("scoring").GetProperty("method").GetString());
    }

    [Fact]
    public Task Known_and_folded_in_users_get_blended_recommendations() =>
        ServedPresetChecks.KnownAndFoldedInUsersGetRecommendationsAsync(_service, "multvae", TestContext.Current.CancellationToken);

    [Fact]
    public async Task Similar_items_come_from_the_autoencoder()
    {
        var interactions = _service.Store.Serving!.Matrix;
        var item = interactions.Items.Ids[0];

        var similar = await _service.Client.GetFromJsonAsync<JsonElement>($"/v1/items/{Uri.EscapeDataString(item)}/similar?k=4", Cancel);

        Assert.Equal("multvae", similar.GetProperty("model").GetString());
        var items = similar.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()).ToList();
        Assert.Equal(4, items.Count);
        Assert.DoesNotContain(item, items);
    }
}
