using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Recommender.Api.Apis;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;

namespace Recommender.Api.Tests;

public sealed class LiveModelVersionTests : IAsyncLifetime
{
    private readonly RunningService _service = new();

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Publishing_a_version_swaps_it_in_with_no_failed_or_mixed_request()
    {
        var cancel = TestContext.Current.CancellationToken;
        var dataset = _service.Store.Serving!.Dataset;
        var published = new TaskCompletionSource<LoadedModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        _service.Store.Published += (_, model) =>
        {
            if (model.Name == "als" && model.Version == "2")
                published.TrySetResult(model);
        };
        var users = dataset.Interactions.Users.Ids.Take(50).ToArray();
        var answers = new ConcurrentBag<(HttpStatusCode Status, RecommendationResponse? Body)>();
        using var load = CancellationTokenSource.CreateLinkedTokenSource(cancel);

        // Requests run throughout the publish; each must succeed and name one version per model.
        var traffic = Task.Run(async () =>
        {
            var i = 0;
            while (!load.IsCancellationRequested)
            {
                var response = await _service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = users[i++ % users.Length], k = 5 }, CancellationToken.None);
                answers.Add((response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<RecommendationResponse>(CancellationToken.None) : null));
            }
        }, CancellationToken.None);

        var retrained = ModelPresets.Create("als");
        retrained.Fit(new TrainingData(dataset.Interactions, dataset.Catalog), cancel);
        _service.Registry.Publish("als", retrained, dataset.Fingerprint());
        await published.Task.WaitAsync(TimeSpan.FromMinutes(1), cancel);
        var after = await _service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = users[0], k = 5 }, cancel);
        await load.CancelAsync();
        await traffic;

        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Contains(a.Body!.ModelVersions["als"], new[] { "1", "2" }));
        var latest = await after.Content.ReadFromJsonAsync<RecommendationResponse>(cancel);
        Assert.Equal("2", latest!.ModelVersions["als"]);
        var models = await _service.Client.GetFromJsonAsync<ModelsResponse>("/v1/models", cancel);
        Assert.Equal(["1", "2"], models!.Models.Single(m => m.Name == "als").Versions.Select(v => v.Version));
    }
}
