using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Recommender.Api.Experiments;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Api.Tests;

/// <summary>A variant can name a learned ranker published to the registry, and the service ranks with it.</summary>
public sealed class LearnedStrategyServingTests : IAsyncLifetime
{
    private readonly RunningService _service = new() { Models = "popularity,sar,als,ease,content" };

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private static string ExperimentsWith(string ranker) => $$"""
        {
          "placements": { "default": "learned-test" },
          "feature_management": { "feature_flags": [
            { "id": "learned-test", "enabled": true,
              "variants": [ { "name": "ranked", "configuration_value": { "strategy": "learned", "ranker": "{{ranker}}", "models": ["als", "ease", "sar"], "rules": "none" } } ],
              "allocation": { "default_when_enabled": "ranked" } } ] }
        }
        """;

    [Fact]
    public async Task A_published_ranker_serves_a_learned_variant()
    {
        var dataset = DatasetLoader.Load(_service.DataPath, cancellationToken: TestContext.Current.CancellationToken).Dataset;
        var ranker = EnsemblePresets.TrainRanker(new TrainingData(dataset.Interactions, dataset.Catalog),
            new LearnedRankerOptions(poolSize: 30, trees: 10, leaves: 4, minExamplesPerLeaf: 5), cancellationToken: TestContext.Current.CancellationToken);
        _service.Registry.PublishRanker("ranker", ranker, dataset.Fingerprint());
        await File.WriteAllTextAsync(_service.ExperimentsPath, ExperimentsWith("ranker"), TestContext.Current.CancellationToken);
        Assert.Empty(_service.GetService<ExperimentsConfigStore>().Reload());

        var user = dataset.Interactions.Users.Ids[0];
        var response = await _service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = user, k = 10 }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("learned", body.GetProperty("strategy").GetString());
        var items = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).ToArray();
        Assert.Equal(10, items.Length);
        Assert.Equal(items.Length, items.Distinct().Count());
        var matrix = InteractionMatrix.FromLog(dataset.Interactions);
        Assert.True(matrix.Users.TryGetIndex(user, out var userIndex));
        var seen = matrix.ItemsOf(userIndex).ToArray().Select(i => matrix.Items.Ids[i]).ToHashSet();
        Assert.DoesNotContain(items, seen.Contains);
    }

    [Fact]
    public async Task A_variant_naming_a_ranker_the_registry_lacks_is_refused()
    {
        await File.WriteAllTextAsync(_service.ExperimentsPath, ExperimentsWith("no-such-ranker"), TestContext.Current.CancellationToken);

        var errors = _service.GetService<ExperimentsConfigStore>().Reload();

        Assert.Contains(errors, e => e.Contains("no-such-ranker", StringComparison.Ordinal));
    }
}
