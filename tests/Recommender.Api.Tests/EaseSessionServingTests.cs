using System.Net.Http.Json;
using Recommender.Api.Apis;
using Recommender.Ensemble.Models;

namespace Recommender.Api.Tests;

/// <summary>
/// The ease-session preset served by the real host: trained at start from the data folder's log, so the
/// interactions' timestamps shape its weights, and recommended through HTTP like any other model.
/// </summary>
public sealed class EaseSessionServingTests : IAsyncLifetime
{
    private static readonly string SessionOnly = SingleVariantExperiments.Serving("session", """
        { "strategy": "cascade", "models": ["ease-session", "popularity"], "order": ["ease-session", "popularity"], "minCandidates": 1, "rules": "none" }
        """);

    private readonly RunningService _service = new()
    {
        Models = "popularity,ease-session",
        Experiments = SessionOnly,
        Settings = new Dictionary<string, string?> { ["Recommender:SimilarItemsModel"] = "ease-session" },
    };

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public void The_served_weights_are_those_of_the_time_weighted_gram()
    {
        var served = Assert.IsType<EaseRecommender>(_service.Store.Serving!.Resolve("ease-session", null).Model);
        var timeless = new EaseRecommender(served.Options with { TimeScaleMinutes = 0 });
        timeless.Fit(served.Interactions, TestContext.Current.CancellationToken);

        Assert.Equal(10f, served.Options.TimeScaleMinutes);
        // The synthetic log spreads a user's interactions over weeks, so the time weights change B.
        var difference = served.Weights.ToArray().Zip(timeless.Weights.ToArray(), (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference > 1e-3, $"largest difference from plain EASE {difference}");
    }

    [Fact]
    public async Task A_known_user_gets_its_recommendations()
    {
        var cancel = TestContext.Current.CancellationToken;
        var serving = _service.Store.Serving!;
        var model = serving.Resolve("ease-session", null).Model;
        var user = serving.Matrix.Users.Ids[5];

        var response = await _service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = user, k = 5 }, cancel);

        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<RecommendationResponse>(cancel))!;
        Assert.Equal("1", body.ModelVersions["ease-session"]);
        Assert.Equal(model.Recommend(5, 5).Select(s => serving.Matrix.Items.Ids[s.Item]), body.Items.Select(i => i.ItemId));
    }
}
