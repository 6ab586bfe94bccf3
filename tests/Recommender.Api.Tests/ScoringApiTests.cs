using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Recommender.Ensemble.Models;

namespace Recommender.Api.Tests;

/// <summary>
/// The service configured from Scoring:*: device auto, ALS in int8, micro-batching on for every catalog size with a
/// one-second delay and batches of 8, so that only full batches close while requests keep coming. GET /v1/models and
/// GET /metrics say where each version scores; concurrent requests share batched calls and get their own answers.
/// </summary>
[Collection(ProcessWideMetricsGroup.Name)]
public sealed class ScoringApiTests(ScoringApiTests.MicroBatchedService fixture) : IClassFixture<ScoringApiTests.MicroBatchedService>
{
    private const int MaxBatch = 8;

    private RunningService Service => fixture.Service;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_endpoint_says_where_each_version_scores_and_why()
    {
        var models = await Service.Client.GetFromJsonAsync<JsonElement>("/v1/models", Cancel);

        var als = Scoring(models, "als");
        Assert.Equal("embedding top-k", als.GetProperty("method").GetString());
        Assert.Equal("auto", als.GetProperty("requested").GetString());
        Assert.Equal("int8", als.GetProperty("precision").GetString());
        Assert.True(als.GetProperty("microBatching").GetBoolean());
        var device = als.GetProperty("device").GetString();
        // auto takes CUDA when it loads (no reason then: null fields are left out); anywhere else the managed CPU
        // kernel, saying why not CUDA.
        if (device == "cuda")
        {
            Assert.False(als.TryGetProperty("reason", out _));
        }
        else
        {
            Assert.Equal("cpu", device);
            Assert.StartsWith("cuda unavailable: ", als.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(device, Version(models, "als").GetProperty("scoringDevice").GetString());

        var sar = Scoring(models, "sar");
        Assert.Equal(("cpu", "dense item-item scores", false),
            (sar.GetProperty("device").GetString(), sar.GetProperty("method").GetString(), sar.GetProperty("microBatching").GetBoolean()));
        Assert.Equal("popularity list", Scoring(models, "popularity").GetProperty("method").GetString());
    }

    [Fact]
    public async Task Metrics_include_the_runtimes_garbage_collection_and_allocation_counters()
    {
        var metrics = (await Service.Client.GetStringAsync("/metrics", Cancel)).Split('\n');

        var allocated = Assert.Single(metrics, l => l.StartsWith("dotnet_gc_heap_total_allocated_bytes_total{", StringComparison.Ordinal));
        Assert.True(double.Parse(allocated.Split(' ')[^1], CultureInfo.InvariantCulture) > 0);
        Assert.Contains(metrics, l => l.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal) && l.Contains("gen0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_show_the_scoring_device_of_every_served_version()
    {
        var models = await Service.Client.GetFromJsonAsync<JsonElement>("/v1/models", Cancel);
        var alsDevice = Scoring(models, "als").GetProperty("device").GetString();

        var metrics = await Service.Client.GetStringAsync("/metrics", Cancel);

        // OpenTelemetry listens to meters by name, process-wide: when other test classes run their own hosts in this
        // process, their gauges (default settings: fp32, no micro-batching) show up here too. This host's ALS is the
        // only int8, micro-batched one.
        var lines = metrics.Split('\n').Where(l => l.StartsWith("recommender_scoring_device{", StringComparison.Ordinal)).ToArray();
        var als = Assert.Single(lines, l => l.Contains("model=\"als\"", StringComparison.Ordinal) && l.Contains("precision=\"int8\"", StringComparison.Ordinal));
        Assert.Contains($"device=\"{alsDevice}\"", als, StringComparison.Ordinal);
        Assert.Contains("micro_batching=\"on\"", als, StringComparison.Ordinal);
        Assert.EndsWith(" 1", als.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("model=\"sar\"", StringComparison.Ordinal) && l.Contains("micro_batching=\"off\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("model=\"popularity\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_requests_share_batched_scoring_calls_and_each_gets_its_own_answer()
    {
        const int requests = 4 * MaxBatch;
        var model = Service.Store.Serving!.Models["als"].Latest.Model;
        var users = Enumerable.Range(0, requests).Select(u => u * 7 % model.Interactions.UserCount).Distinct().ToArray();
        Assert.Equal(requests, users.Length);
        var before = await BatchHistogram();

        var answers = await Task.WhenAll(users.Select(async u =>
        {
            var response = await Service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = model.Interactions.Users[u], k = 10 }, Cancel);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        }));

        for (var i = 0; i < users.Length; i++)
        {
            // The variant serves ALS alone without rules: its top 10 as the model computes it on the synchronous path.
            var expected = model.Recommend(users[i], 10).Select(s => model.Interactions.Items[s.Item]);
            var actual = answers[i].GetProperty("items").EnumerateArray().Select(item => item.GetProperty("itemId").GetString());
            Assert.Equal(expected, actual);
        }
        var after = await BatchHistogram();
        // A one-second delay and batches of 8: 32 concurrent requests close exactly four full batches.
        Assert.Equal((4, requests), (after.Count - before.Count, after.Sum - before.Sum));
    }

    [Fact]
    public async Task An_unusable_scoring_section_stops_the_service_at_start_naming_each_key()
    {
        var service = new RunningService
        {
            Settings = new Dictionary<string, string?>
            {
                ["Scoring:Device"] = "gpu",
                ["Scoring:MicroBatchDelayMicroseconds"] = "-5",
                ["Scoring:ModelPrecision:als"] = "int4",
            },
        };
        try
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => service.InitializeAsync().AsTask());
            Assert.Contains("Scoring:Device is 'gpu'", error.Message, StringComparison.Ordinal);
            Assert.Contains("Scoring:MicroBatchDelayMicroseconds is -5", error.Message, StringComparison.Ordinal);
            Assert.Contains("Scoring:ModelPrecision:als is 'int4'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static JsonElement Version(JsonElement models, string name) =>
        models.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name).GetProperty("versions")[0];

    private static JsonElement Scoring(JsonElement models, string name) => Version(models, name).GetProperty("scoring");

    /// <summary>Count and sum of the ALS batch-size histogram as /metrics shows it (0 before the first batch).</summary>
    private async Task<(long Count, long Sum)> BatchHistogram()
    {
        var lines = (await Service.Client.GetStringAsync("/metrics", Cancel)).Split('\n');
        return ((long)Value(lines, "recommender_scoring_batch_size_count{"), (long)Value(lines, "recommender_scoring_batch_size_sum{"));
    }

    private static double Value(string[] lines, string prefix) =>
        lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains("model=\"als\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));

    /// <summary>The service of these tests.</summary>
    public sealed class MicroBatchedService : IAsyncLifetime
    {
        public RunningService Service { get; } = new()
        {
            Experiments = """
                {
                  "placements": { "default": "als-only" },
                  "feature_management": { "feature_flags": [
                    { "id": "als-only", "enabled": true,
                      "variants": [ { "name": "als", "configuration_value": { "strategy": "cascade", "models": ["als"], "rules": "none" } } ],
                      "allocation": { "default_when_enabled": "als" } }
                  ] }
                }
                """,
            Settings = new Dictionary<string, string?>
            {
                ["Scoring:Device"] = "auto",
                ["Scoring:ModelPrecision:als"] = "int8",
                ["Scoring:MicroBatchDelayMicroseconds"] = "1000000",
                ["Scoring:MicroBatchMaxSize"] = MaxBatch.ToString(CultureInfo.InvariantCulture),
                ["Scoring:MicroBatchMinItems"] = "0",
            },
        };

        public ValueTask InitializeAsync() => Service.InitializeAsync();

        public ValueTask DisposeAsync() => Service.DisposeAsync();
    }
}
