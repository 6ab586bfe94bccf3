using System.Net;
using System.Net.Http.Json;
using Recommender.Api.Apis;
using Recommender.Experiments.Exposures;

namespace Recommender.Api.Tests.ExperimentData;

/// <summary>
/// Every recommendation the service answers is logged as one exposure holding what the answer showed; refused
/// requests log nothing. Run on each store (SQLite and PostgreSQL), through HTTP, counting stored rows after the
/// service's own exposure log has drained.
/// </summary>
public abstract class ExposureLoggingContract(RunningService service)
{
    protected RunningService Service { get; } = service;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string KnownUser => Service.Store.Serving!.Dataset.Interactions.Users[3];

    private async Task<RecommendationResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await Service.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RecommendationResponse>(Cancel))!;
    }

    private Task<RecommendationResponse> PostAsync(object body, bool verbose = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/recommendations") { Content = JsonContent.Create(body) };
        if (verbose)
            request.Headers.Add(RecommendationsApi.DetailHeader, "verbose");
        return SendAsync(request);
    }

    private async Task<long> DrainedCountAsync()
    {
        await Service.ExposureLog.DrainAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(1), Cancel);
        return await Service.ExperimentStore.CountExposuresAsync(cancellationToken: Cancel);
    }

    [Fact]
    public async Task Every_answer_of_both_endpoints_is_stored_once_with_what_it_showed()
    {
        var before = await DrainedCountAsync();
        var firstServed = DateTimeOffset.UtcNow;
        var verbose = await PostAsync(new { userId = KnownUser, k = 4 }, verbose: true);
        var answers = new[]
        {
            verbose,
            await PostAsync(new { userId = KnownUser, k = 6, placement = "home" }),
            await PostAsync(new { userId = "exposure-newcomer-" + Guid.NewGuid().ToString("N"), k = 3, recentItemIds = new[] { Service.Store.Serving!.Dataset.Interactions.Items[0] } }),
            await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{KnownUser}/recommendations?k=5")),
            await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{KnownUser}/recommendations?k=2&placement=fallback")),
        };
        var lastServed = DateTimeOffset.UtcNow;

        Assert.Equal(before + answers.Length, await DrainedCountAsync());
        var configVersion = verbose.Debug!.ConfigVersion;
        Assert.False(string.IsNullOrEmpty(configVersion));
        foreach (var answer in answers)
        {
            var stored = await Service.ExperimentStore.FindExposureAsync(answer.RequestId, Cancel);
            Assert.NotNull(stored);
            Assert.Equal(answer.UserId, stored.UserId);
            Assert.Equal(answer.Experiment, stored.Experiment);
            Assert.Equal(answer.Variant, stored.Variant);
            Assert.Equal(answer.Strategy, stored.Strategy);
            Assert.Equal(configVersion, stored.ConfigVersion);
            Assert.Equal(answer.ModelVersions.OrderBy(p => p.Key), stored.ModelVersions.OrderBy(p => p.Key));
            Assert.Equal(answer.Items.Select(i => new ExposedItem(i.ItemId, i.Rank, i.Score)), stored.Items);
            // Stored to the microsecond: allow for the truncation at both ends.
            Assert.InRange(stored.Time, firstServed.AddMilliseconds(-1), lastServed.AddMilliseconds(1));
        }
        Assert.Equal(["fallback-test", "home-ranker", "home-ranker", "home-ranker", "home-ranker"], answers.Select(a => a.Experiment).Order());
    }

    [Fact]
    public async Task Refused_requests_are_not_exposures()
    {
        var before = await DrainedCountAsync();

        using var badK = await Service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = KnownUser, k = 0 }, Cancel);
        using var noUser = await Service.Client.PostAsJsonAsync("/v1/recommendations", new { k = 3 }, Cancel);
        using var nulUser = await Service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = "a\0b" }, Cancel);
        using var unknownPlacement = await Service.Client.GetAsync($"/v1/users/{KnownUser}/recommendations?placement=nowhere", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, badK.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noUser.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nulUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPlacement.StatusCode);
        Assert.Equal(before, await DrainedCountAsync());
    }

    [Fact]
    public async Task Concurrent_answers_are_each_stored_exactly_once()
    {
        var before = await DrainedCountAsync();
        var users = Service.Store.Serving!.Dataset.Interactions.Users;
        const int requests = 160;

        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => PostAsync(new { userId = users[i % users.Count], k = 5 })));

        Assert.Equal(requests, answers.Select(a => a.RequestId).Distinct().Count());
        Assert.Equal(before + requests, await DrainedCountAsync());
        foreach (var answer in answers)
            Assert.Equal(answer.UserId, (await Service.ExperimentStore.FindExposureAsync(answer.RequestId, Cancel))?.UserId);
    }
}
