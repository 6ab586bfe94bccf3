using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using Recommender.Api.Apis;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;

namespace Recommender.Api.Tests;

/// <summary>
/// The per-user candidate cache: exact lists from the model version that made them, scored once per version, user
/// and pool size; requests that exclude items are scored afresh. Reads /metrics, so it runs alone.
/// </summary>
[Collection(ProcessWideMetricsGroup.Name)]
public sealed class CandidateCacheTests : IAsyncLifetime
{
    private readonly RunningService _service = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_list_is_scored_once_per_model_version_user_and_pool_size()
    {
        var serving = _service.Store.Serving!;
        IRecommender als = serving.Resolve("als", null).Model, sar = serving.Resolve("sar", null).Model;
        var scored = new List<(IRecommender Model, int User, int Pool)>();
        ValueTask<ScoredItem[]> Score(IRecommender model, int user, int pool, CancellationToken _)
        {
            scored.Add((model, user, pool));
            return ValueTask.FromResult(model.Recommend(user, pool));
        }
        using var meter = new Meter("candidate-cache-test");
        using var cache = new CandidateCache(new CandidateCacheSettings { Entries = 100 }, meter);

        var first = await cache.GetOrScoreAsync(als, 3, 20, Score, Cancel);
        var again = await cache.GetOrScoreAsync(als, 3, 20, Score, Cancel);
        await cache.GetOrScoreAsync(als, 4, 20, Score, Cancel);
        await cache.GetOrScoreAsync(als, 3, 30, Score, Cancel);
        await cache.GetOrScoreAsync(sar, 3, 20, Score, Cancel);
        await cache.GetOrScoreAsync(sar, 3, 20, Score, Cancel);

        Assert.Same(first, again);
        Assert.Equal(als.Recommend(3, 20), first);
        Assert.Equal([(als, 3, 20), (als, 4, 20), (als, 3, 30), (sar, 3, 20)], scored);
    }

    [Fact]
    public async Task With_no_entries_every_list_is_scored()
    {
        var als = _service.Store.Serving!.Resolve("als", null).Model;
        var calls = 0;
        using var cache = new CandidateCache(new CandidateCacheSettings { Entries = 0 }, meter: null);

        for (var i = 0; i < 3; i++)
            await cache.GetOrScoreAsync(als, 3, 20, (model, user, pool, _) => { calls++; return ValueTask.FromResult(model.Recommend(user, pool)); }, Cancel);

        Assert.False(cache.Enabled);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_repeated_request_is_answered_from_the_cache_with_the_same_items_as_fresh_scoring()
    {
        var serving = _service.Store.Serving!;
        var userId = serving.Dataset.Interactions.Users.Ids[7];
        // An item the user has seen: the models leave it out anyway, so excluding it changes nothing but the path.
        var seen = serving.Dataset.Interactions.Items.Ids[serving.SeenItems(userId).Span[0]];
        var before = await Lookups();

        var first = await Recommend(new { userId, k = 10 });
        var afterFirst = await Lookups();
        var second = await Recommend(new { userId, k = 10 });
        var afterSecond = await Lookups();
        var fresh = await Recommend(new { userId, k = 10, excludeItemIds = new[] { seen } });
        var afterFresh = await Lookups();

        // The default variant blends two models: one lookup each per request.
        Assert.Equal((before.Hits, before.Misses + 2), afterFirst);
        Assert.Equal((afterFirst.Hits + 2, afterFirst.Misses), afterSecond);
        Assert.Equal(afterSecond, afterFresh);
        Assert.Equal(Items(first), Items(second));
        Assert.Equal(Items(first), Items(fresh));
    }

    [Fact]
    public async Task A_published_version_is_not_answered_from_the_previous_versions_lists()
    {
        var dataset = _service.Store.Serving!.Dataset;
        var userId = dataset.Interactions.Users.Ids[11];
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _service.Store.Published += (_, model) =>
        {
            if (model.Name == "als" && model.Version == "2")
                published.TrySetResult();
        };
        await Recommend(new { userId, k = 10 }); // v1's lists are now cached for this user

        // A different model under the same name: 8 factors and another seed rank this user's items differently.
        var retrained = new AlsRecommender(new AlsOptions(factors: 8, regularization: 5f, alpha: 4f, seed: 7, binarizeWeights: true));
        retrained.Fit(new TrainingData(dataset.Interactions, dataset.Catalog), Cancel);
        _service.Registry.Publish("als", retrained, dataset.Fingerprint());
        await published.Task.WaitAsync(TimeSpan.FromMinutes(1), Cancel);
        var lookupsBefore = await Lookups();
        var after = await Recommend(new { userId, k = 10 });
        var lookupsAfter = await Lookups();

        Assert.Equal("2", after.ModelVersions["als"]);
        // The new version was scored (a miss), SAR's unchanged list came from the cache (a hit).
        Assert.Equal((lookupsBefore.Hits + 1, lookupsBefore.Misses + 1), lookupsAfter);
        // And the two versions do disagree about this user, so a list kept from version 1 would have been wrong.
        Assert.True(dataset.Interactions.Users.TryGetIndex(userId, out var user));
        var serving = _service.Store.Serving!;
        Assert.NotEqual(serving.Resolve("als", "1").Model.Recommend(user, 30), serving.Resolve("als", "2").Model.Recommend(user, 30));
    }

    [Fact]
    public async Task A_negative_size_stops_the_service_at_start_naming_the_setting()
    {
        var service = new RunningService { Settings = new Dictionary<string, string?> { ["Serving:CandidateCache:Entries"] = "-1" } };
        try
        {
            var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => service.InitializeAsync().AsTask());
            Assert.Contains(nameof(CandidateCacheSettings.Entries), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private async Task<RecommendationResponse> Recommend(object body)
    {
        var response = await _service.Client.PostAsJsonAsync("/v1/recommendations", body, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RecommendationResponse>(Cancel))!;
    }

    private static (string Id, float Score)[] Items(RecommendationResponse response) =>
        [.. response.Items.Select(i => (i.ItemId, i.Score))];

    private async Task<(long Hits, long Misses)> Lookups()
    {
        var lines = (await _service.Client.GetStringAsync("/metrics", Cancel)).Split('\n');
        return (Count(lines, "hit"), Count(lines, "miss"));
    }

    private static long Count(string[] lines, string result) =>
        (long)lines.Where(l => l.StartsWith("recommender_candidate_cache_lookups_total{", StringComparison.Ordinal)
                && l.Contains($"result=\"{result}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));
}
