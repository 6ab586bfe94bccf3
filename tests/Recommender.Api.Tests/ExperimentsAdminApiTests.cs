using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recommender.Api.Tests;

/// <summary>GET/PUT of experiments, history and refused edits, through HTTP against the real host and its experiments.json on disk.</summary>
public sealed class ExperimentsAdminApiTests(AdminExperimentService service) : IClassFixture<AdminExperimentService>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(JsonObject Flag, string ETag)> GetSplit()
    {
        using var response = await service.Client.GetAsync("/v1/experiments/split", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var etag = response.Headers.ETag!.ToString();
        Assert.Equal(etag, body!["etag"]!.GetValue<string>());
        return (body["flag"]!.AsObject(), etag);
    }

    private async Task<HttpResponseMessage> Put(JsonNode flag, string? ifMatch, string? actor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/experiments/split")
        {
            Content = new StringContent(flag.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (actor is not null)
            request.Headers.Add("X-Actor", actor);
        return await service.Client.SendAsync(request, Ct);
    }

    /// <summary>The split flag's percentile moved to control 0–30, treatment 30–100.</summary>
    private static JsonObject Resplit(JsonObject flag, double boundary)
    {
        var edited = flag.DeepClone().AsObject();
        var percentile = edited["allocation"]!["percentile"]!.AsArray();
        percentile[0]!["to"] = boundary;
        percentile[1]!["from"] = boundary;
        return edited;
    }

    [Fact]
    public async Task The_configuration_lists_every_experiment_with_its_version_as_ETag()
    {
        using var response = await service.Client.GetAsync("/v1/experiments", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{body.GetProperty("version").GetString()}\"", response.Headers.ETag!.ToString());
        Assert.Equal(["paused", "split"], body.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("id").GetString()).Order());
        Assert.Equal("split", body.GetProperty("placements").GetProperty("home").GetString());
    }

    [Fact]
    public async Task A_put_with_the_current_ETag_rewrites_the_file_changes_the_ETag_and_records_who_before_and_after()
    {
        var (flag, etag) = await GetSplit();
        var boundary = flag["allocation"]!["percentile"]![0]!["to"]!.GetValue<double>() == 30 ? 40 : 30;

        using var response = await Put(Resplit(flag, boundary), etag, actor: "alice@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newETag = response.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newETag);
        // On disk: the file says the new split (read as plain JSON, not through the service).
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(service.ExperimentsPath, Ct))!;
        var diskFlag = onDisk["feature_management"]!["feature_flags"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "split")!;
        Assert.Equal(boundary, diskFlag["allocation"]!["percentile"]![0]!["to"]!.GetValue<double>());
        Assert.Equal(newETag, (await GetSplit()).ETag);
        // No temporary file is left beside it.
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(service.ExperimentsPath)!, "*experiments.json*"));

        using var historyResponse = await service.Client.GetAsync("/v1/experiments/split/history", Ct);
        var last = (await historyResponse.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray().Last();
        Assert.Equal("alice@example.com", last.GetProperty("changedBy").GetString());
        Assert.Equal(newETag, last.GetProperty("etag").GetString());
        Assert.Equal(flag["allocation"]!["percentile"]![0]!["to"]!.GetValue<double>(), last.GetProperty("before").GetProperty("allocation").GetProperty("percentile")[0].GetProperty("to").GetDouble());
        Assert.Equal(boundary, last.GetProperty("after").GetProperty("allocation").GetProperty("percentile")[0].GetProperty("to").GetDouble());
        Assert.InRange(last.GetProperty("changedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        // The new split serves at once: a user between the two boundaries changes variant accordingly.
        var user = Enumerable.Range(0, 10_000).Select(i => $"probe-{i}")
            .First(u => Between(PercentileOf(u), Math.Min(boundary, 50), Math.Max(boundary, 50)));
        using var assignment = await service.Client.GetAsync($"/v1/experiments/split/assignments/{user}", Ct);
        var expected = PercentileOf(user) < boundary ? "control" : "treatment";
        Assert.Equal(expected, (await assignment.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("variant").GetString());
    }

    private static bool Between(double value, double low, double high) => value >= low && value < high;

    private static double PercentileOf(string user)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(user + "\n" + SplitExperimentService.Seed));
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(hash) * 100.0 / uint.MaxValue;
    }

    [Fact]
    public async Task A_put_with_a_stale_ETag_is_412_and_without_one_428_and_neither_changes_the_file()
    {
        var (flag, _) = await GetSplit();
        var before = await File.ReadAllTextAsync(service.ExperimentsPath, Ct);

        using var stale = await Put(Resplit(flag, 20), "\"0000000000000000\"");
        using var missing = await Put(Resplit(flag, 20), ifMatch: null);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal((await GetSplit()).ETag, (await stale.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("currentETag").GetString());
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(service.ExperimentsPath, Ct));
    }

    [Fact]
    public async Task An_invalid_put_is_422_listing_every_error_by_path_and_changes_nothing()
    {
        var (flag, etag) = await GetSplit();
        var before = await File.ReadAllTextAsync(service.ExperimentsPath, Ct);
        var edited = flag.DeepClone().AsObject();
        var treatment = edited["variants"]![1]!["configuration_value"]!.AsObject();
        treatment["weights"] = new JsonObject { ["als"] = "heavy", ["sar"] = 0.5 };   // not a number
        treatment["normalization"] = "softmax";                                          // unknown
        treatment["models"] = new JsonArray("als", "sar", "ease");                       // ease is not served here
        treatment["rules"] = "no-such-workflow";
        var boundary = flag["allocation"]!["percentile"]![1]!["from"]!.GetValue<double>();
        edited["allocation"]!["percentile"]![1]!["from"] = boundary + 10;                // a gap: unallocated
        edited["allocation"]!["user"]![0]!["variant"] = "ghost";                        // undefined variant

        using var response = await Put(edited, etag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        var paths = errors.EnumerateObject().Select(e => e.Name).ToHashSet();
        var flagPath = "$.feature_management.feature_flags[0]";
        // The structural errors are found first (the flag is not checked further until they are fixed).
        Assert.Contains($"{flagPath}.allocation.percentile", paths);
        Assert.Contains($"{flagPath}.allocation.user[0].variant", paths);
        Assert.DoesNotContain("$.placements.home", paths); // the flag exists, it is only invalid
        Assert.Equal(before, await File.ReadAllTextAsync(service.ExperimentsPath, Ct));
        Assert.Equal(etag, (await GetSplit()).ETag);

        // With the allocation fixed, every policy error is listed at once.
        edited["allocation"]!["percentile"]![1]!["from"] = boundary;
        edited["allocation"]!["user"]![0]!["variant"] = "treatment";
        treatment["modelVersions"] = new JsonObject { ["sar"] = "999" };                 // no such version in the registry
        using var second = await Put(edited, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var policyPaths = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        var policy = $"{flagPath}.variants[1].configuration_value";
        Assert.Superset(new HashSet<string> { $"{policy}.weights.als", $"{policy}.normalization", $"{policy}.models[2]", $"{policy}.rules", $"{policy}.modelVersions.sar" }, policyPaths);
        Assert.Equal(before, await File.ReadAllTextAsync(service.ExperimentsPath, Ct));
    }

    [Fact]
    public async Task Of_two_puts_racing_with_the_same_ETag_exactly_one_wins()
    {
        var (flag, etag) = await GetSplit();
        var current = flag["allocation"]!["percentile"]![0]!["to"]!.GetValue<double>();

        var responses = await Task.WhenAll(Put(Resplit(flag, current == 25 ? 35 : 25), etag), Put(Resplit(flag, current == 45 ? 55 : 45), etag));
        try
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal(winner.Headers.ETag!.ToString(), (await GetSplit()).ETag);
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }
    }

    [Fact]
    public async Task A_flag_whose_id_differs_from_the_path_is_refused()
    {
        var (flag, etag) = await GetSplit();
        var renamed = flag.DeepClone().AsObject();
        renamed["id"] = "another";

        using var response = await Put(renamed, etag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("$.feature_management.feature_flags[0].id", out _));
    }

    [Fact]
    public async Task An_unknown_experiment_is_404_naming_the_id_for_get_put_and_history()
    {
        using var get = await service.Client.GetAsync("/v1/experiments/nope", Ct);
        using var history = await service.Client.GetAsync("/v1/experiments/nope/history", Ct);
        using var put = await service.Client.PutAsync("/v1/experiments/nope", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        foreach (var response in new[] { get, history, put })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("id", out _));
        }
    }

    [Fact]
    public async Task An_invalid_hand_edit_is_refused_visibly_while_the_previous_configuration_keeps_serving()
    {
        using var initial = await service.Client.GetAsync("/v1/experiments", Ct);
        var version = (await initial.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetString();
        var good = await File.ReadAllTextAsync(service.ExperimentsPath, Ct);
        var broken = JsonNode.Parse(good)!;
        broken["feature_management"]!["feature_flags"]![0]!["variants"]![0]!["configuration_value"]!["strategy"] = "no-such-strategy";
        try
        {
            await File.WriteAllTextAsync(service.ExperimentsPath, broken.ToJsonString(), Ct);

            var refusal = await PollUntil(async () =>
            {
                using var response = await service.Client.GetAsync("/v1/experiments", Ct);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                return body.TryGetProperty("lastRefusal", out var refused) && refused.ValueKind == JsonValueKind.Object ? body : (JsonElement?)null;
            });
            Assert.Equal(version, refusal.GetProperty("version").GetString());
            Assert.Contains(refusal.GetProperty("lastRefusal").GetProperty("errors").EnumerateArray(),
                e => e.GetString()!.StartsWith("$.feature_management.feature_flags[0].variants[0].configuration_value.strategy:", StringComparison.Ordinal));
            using var recommended = await service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = "vip-1", placement = "home" }, Ct);
            Assert.Equal(HttpStatusCode.OK, recommended.StatusCode);
            Assert.Equal("treatment", (await recommended.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("variant").GetString());
        }
        finally
        {
            await File.WriteAllTextAsync(service.ExperimentsPath, good, Ct);
            await PollUntil(async () =>
            {
                using var response = await service.Client.GetAsync("/v1/experiments", Ct);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                return body.TryGetProperty("lastRefusal", out _) ? null : body;
            });
        }
    }

    [Fact]
    public async Task A_valid_hand_edit_takes_effect_and_is_recorded_as_made_on_the_file()
    {
        var text = await File.ReadAllTextAsync(service.ExperimentsPath, Ct);
        var edited = JsonNode.Parse(text)!;
        var paused = edited["feature_management"]!["feature_flags"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "paused")!;
        var wasEnabled = paused["enabled"]!.GetValue<bool>();
        paused["enabled"] = !wasEnabled;

        await File.WriteAllTextAsync(service.ExperimentsPath, edited.ToJsonString(), Ct);

        var last = await PollUntil(async () =>
        {
            using var response = await service.Client.GetAsync("/v1/experiments/paused/history", Ct);
            var entries = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray().ToList();
            return entries.Count > 0 && entries[^1].GetProperty("after").GetProperty("enabled").GetBoolean() != wasEnabled ? entries[^1] : (JsonElement?)null;
        });
        Assert.Equal("file", last.GetProperty("changedBy").GetString());
        Assert.Equal(wasEnabled, last.GetProperty("before").GetProperty("enabled").GetBoolean());
        using var assignment = await service.Client.GetAsync("/v1/experiments/paused/assignments/u1", Ct);
        Assert.Equal(wasEnabled ? "off" : "on", (await assignment.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("variant").GetString());
    }

    private static async Task<JsonElement> PollUntil(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 20 s");
            await Task.Delay(50, Ct);
        }
    }
}
