using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Recommender.Api.Apis;
using Recommender.Ensemble.Data;

namespace Recommender.Api.Tests;

public sealed class RecommendationsApiTests(RunningService service) : IClassFixture<RunningService>
{
    private HttpClient Client => service.Client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Dataset Data => service.Store.Serving!.Dataset;

    private string KnownUser => Data.Interactions.Users[0];

    private HashSet<string> SeenBy(string userId)
    {
        var log = Data.Interactions;
        var user = log.Users.TryGetIndex(userId, out var u) ? u : -1;
        return [.. Enumerable.Range(0, log.Count).Where(i => log.UserIndex[i] == user).Select(i => log.Items[log.ItemIndex[i]])];
    }

    private async Task<RecommendationResponse> PostAsync(object body, bool verbose = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/recommendations") { Content = JsonContent.Create(body) };
        if (verbose)
            request.Headers.Add(RecommendationsApi.DetailHeader, "verbose");
        var response = await Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RecommendationResponse>(Cancel))!;
    }

    [Fact]
    public async Task Known_user_gets_k_ranked_unseen_items_attributed_to_the_variant()
    {
        var answer = await PostAsync(new { userId = KnownUser, k = 7 });

        Assert.Equal(KnownUser, answer.UserId);
        Assert.Equal("home-ranker", answer.Experiment);
        Assert.Equal("blend", answer.Variant);
        Assert.Equal("weighted", answer.Strategy);
        Assert.Equal(["als", "sar"], answer.ModelVersions.Keys.Order());
        Assert.True(Guid.TryParse(answer.RequestId, out _));
        Assert.Equal(7, answer.Items.Count);
        Assert.Equal(Enumerable.Range(1, 7), answer.Items.Select(i => i.Rank));
        Assert.Equal(7, answer.Items.Select(i => i.ItemId).Distinct().Count());
        Assert.Empty(answer.Items.Select(i => i.ItemId).Intersect(SeenBy(KnownUser)));
        Assert.All(answer.Items, i => Assert.Null(i.Sources));
        Assert.Null(answer.Debug);
    }

    [Fact]
    public async Task Minimal_response_has_no_verbose_fields_in_its_json()
    {
        var response = await Client.PostAsJsonAsync("/v1/recommendations", new { userId = KnownUser, k = 3 }, Cancel);
        var json = await response.Content.ReadAsStringAsync(Cancel);

        Assert.DoesNotContain("\"sources\"", json);
        Assert.DoesNotContain("\"debug\"", json);
        Assert.DoesNotContain("\"rules\"", json);
    }

    [Fact]
    public async Task Verbose_response_explains_sources_rules_and_timings()
    {
        var answer = await PostAsync(new { userId = KnownUser, k = 10, excludeItemIds = new[] { "not-an-item" } }, verbose: true);

        Assert.NotNull(answer.Debug);
        Assert.Equal("default", answer.Debug.RulesWorkflow);
        Assert.Equal(["not-an-item"], answer.Debug.UnknownItemIds);
        Assert.Equal("known", answer.Debug.UserState["als"]);
        Assert.Equal(["als", "sar"], answer.Debug.Timings.Candidates.Keys.Order());
        Assert.True(answer.Debug.Timings.Total >= answer.Debug.Timings.Combine);
        Assert.All(answer.Items, i =>
        {
            Assert.NotNull(i.Sources);
            Assert.NotEmpty(i.Sources);
            Assert.All(i.Sources.Values, s => Assert.True(s.Rank >= 1));
            Assert.NotNull(i.Rules);
        });
    }

    [Fact]
    public async Task Excluded_items_never_come_back()
    {
        var first = await PostAsync(new { userId = KnownUser, k = 5 });
        var excluded = first.Items.Take(3).Select(i => i.ItemId).ToArray();

        var second = await PostAsync(new { userId = KnownUser, k = 5, excludeItemIds = excluded });

        Assert.Empty(second.Items.Select(i => i.ItemId).Intersect(excluded));
        Assert.Equal(5, second.Items.Count);
    }

    [Fact]
    public async Task Business_rules_filter_out_of_stock_items()
    {
        var outOfStock = Data.Catalog.Items.Where(i => !i.InStock).Select(i => i.Id).ToHashSet();
        Assert.NotEmpty(outOfStock);

        foreach (var user in Data.Interactions.Users.Ids.Take(20))
        {
            var answer = await PostAsync(new { userId = user, k = 20 });
            Assert.DoesNotContain(answer.Items, i => outOfStock.Contains(i.ItemId));
        }
    }

    [Fact]
    public async Task Unknown_user_with_recent_items_is_folded_in()
    {
        var recent = Data.Interactions.Items.Ids.Take(3).ToArray();

        var answer = await PostAsync(new { userId = "brand-new-user", k = 5, recentItemIds = recent }, verbose: true);

        Assert.Equal(5, answer.Items.Count);
        Assert.Empty(answer.Items.Select(i => i.ItemId).Intersect(recent));
        Assert.Equal("folded-in", answer.Debug!.UserState["als"]);
        Assert.False(answer.Debug.FellBack);
    }

    [Fact]
    public async Task Unknown_user_without_history_falls_back_instead_of_failing()
    {
        var blended = await PostAsync(new { userId = "nobody-knows-me", k = 5 }, verbose: true);
        var cascade = await PostAsync(new { userId = "nobody-knows-me", k = 5, placement = "fallback" }, verbose: true);

        Assert.Equal(5, blended.Items.Count);
        Assert.True(blended.Debug!.FellBack);
        Assert.Equal(5, cascade.Items.Count);
        Assert.Equal("cascade", cascade.Strategy);
    }

    [Fact]
    public async Task Get_endpoint_answers_like_post()
    {
        var answer = await Client.GetFromJsonAsync<RecommendationResponse>($"/v1/users/{KnownUser}/recommendations?k=4&placement=home", Cancel);

        Assert.NotNull(answer);
        Assert.Equal(4, answer.Items.Count);
        Assert.Equal("home-ranker", answer.Experiment);
    }

    public static TheoryData<string, HttpStatusCode, string> BadBodies() => new()
    {
        { """{"k": 5}""", HttpStatusCode.BadRequest, "userId" },
        { """{"userId": "", "k": 5}""", HttpStatusCode.BadRequest, "userId" },
        { """{"userId": "u1", "k": 0}""", HttpStatusCode.BadRequest, "k" },
        { """{"userId": "u1", "k": 1001}""", HttpStatusCode.BadRequest, "k" },
        { """{"userId": "u1", "k": "ten"}""", HttpStatusCode.BadRequest, "k" },
        { """{"userId": 42}""", HttpStatusCode.BadRequest, "userId" },
        { """{"userId": "u1", "recentItemIds": "i1"}""", HttpStatusCode.BadRequest, "recentItemIds" },
        { """{"userId": "u1", "excludeItemIds": [""]}""", HttpStatusCode.BadRequest, "excludeItemIds" },
        { """{"userId": "u1", "placement": "nowhere"}""", HttpStatusCode.NotFound, "placement" },
        { """{"userId": "u1", """, HttpStatusCode.BadRequest, "body" },
        { "null", HttpStatusCode.BadRequest, "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_problem_naming_the_field(string body, HttpStatusCode status, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Client.PostAsync("/v1/recommendations", content, Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var huge = new { userId = "u1", recentItemIds = Enumerable.Repeat("i1", 20_000).ToArray() };

        var response = await Client.PostAsJsonAsync("/v1/recommendations", huge, Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Models_endpoint_lists_loaded_versions()
    {
        var models = await Client.GetFromJsonAsync<ModelsResponse>("/v1/models", Cancel);

        Assert.NotNull(models);
        Assert.True(models.Ready);
        Assert.Equal(["als", "popularity", "sar"], models.Models.Select(m => m.Name));
        Assert.All(models.Models, m => Assert.Contains(m.Versions, v => v.Version == m.LatestVersion));
    }

    [Fact]
    public async Task Rules_endpoint_shows_the_active_workflows()
    {
        var rules = await Client.GetFromJsonAsync<JsonElement>("/v1/rules", Cancel);

        var names = rules.GetProperty("active").EnumerateArray().Select(w => w.GetProperty("name").GetString()).ToArray();
        Assert.Contains("default", names);
        Assert.Contains("none", names);
    }
}
