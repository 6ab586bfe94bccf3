using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Recommender.Api.Apis;

namespace Recommender.Api.Tests;

public sealed class ItemsApiTests(RunningService service) : IClassFixture<RunningService>
{
    private HttpClient Client => service.Client;

    [Fact]
    public async Task Liveness_answers()
    {
        var response = await Client.GetAsync("/healthz/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_green_once_models_are_loaded()
    {
        var response = await Client.GetAsync("/healthz/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Similar_items_are_k_distinct_known_items_ranked_by_score_without_the_item_itself()
    {
        var itemId = File.ReadLines(Path.Combine(service.DataPath, "interactions.csv")).Skip(1).First().Split(',')[1];

        var response = await Client.GetFromJsonAsync<SimilarItemsResponse>($"/v1/items/{itemId}/similar?k=5", TestContext.Current.CancellationToken);

        Assert.NotNull(response);
        Assert.Equal(itemId, response.ItemId);
        Assert.Equal("sar", response.Model);
        Assert.Equal("1", response.ModelVersion);
        Assert.Equal(5, response.Items.Count);
        Assert.Equal([1, 2, 3, 4, 5], response.Items.Select(i => i.Rank));
        Assert.DoesNotContain(response.Items, i => i.ItemId == itemId);
        Assert.Equal(5, response.Items.Select(i => i.ItemId).Distinct().Count());
        Assert.Equal(response.Items.OrderByDescending(i => i.Score).Select(i => i.ItemId), response.Items.Select(i => i.ItemId));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-3")]
    [InlineData("ten")]
    public async Task Invalid_k_is_a_400_problem_naming_k(string k)
    {
        var response = await Client.GetAsync($"/v1/items/i1/similar?k={k}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("k", out _));
    }

    [Fact]
    public async Task Unknown_item_is_a_404_problem_naming_itemId()
    {
        var response = await Client.GetAsync("/v1/items/no-such-item/similar", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("itemId", out _));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_similar_items_endpoint()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/items/{itemId}/similar", out _));
    }
}
