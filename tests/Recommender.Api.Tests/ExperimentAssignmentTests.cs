using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Recommender.Api.Tests;

/// <summary>Assignment by the real Microsoft.FeatureManagement, seen through GET /v1/experiments/{id}/assignments/{userId} and the recommendations it drives.</summary>
public sealed class ExperimentAssignmentTests(SplitExperimentService service) : IClassFixture<SplitExperimentService>
{
    private const int Users = 10_000;

    /// <summary>
    /// The published bucketing of feature management (SHA-256 of "user\nseed", first four bytes little-endian over
    /// 2^32 − 1), written here independently of the service's own copy.
    /// </summary>
    private static double Percentile(string userId, string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + seed));
        return BinaryPrimitives.ReadUInt32LittleEndian(hash) * 100.0 / uint.MaxValue;
    }

    private async Task<JsonElement> Assignment(string experiment, string userId, string? groups = null)
    {
        var url = $"/v1/experiments/{experiment}/assignments/{Uri.EscapeDataString(userId)}" + (groups is null ? "" : $"?groups={groups}");
        using var response = await service.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ten_thousand_users_split_near_half_and_half_exactly_where_their_hashed_percentile_falls()
    {
        var ids = Enumerable.Range(0, Users).Select(i => $"user-{i}").ToArray();
        var variants = new string[Users];
        var reported = new double[Users];
        await Parallel.ForEachAsync(Enumerable.Range(0, Users), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) =>
            {
                var assignment = await Assignment("split", ids[i]);
                Assert.Equal("percentile", assignment.GetProperty("reason").GetString());
                variants[i] = assignment.GetProperty("variant").GetString()!;
                reported[i] = assignment.GetProperty("percentile").GetDouble();
            });

        for (var i = 0; i < Users; i++)
        {
            var percentile = Percentile(ids[i], SplitExperimentService.Seed);
            Assert.Equal(percentile < 50 ? "control" : "treatment", variants[i]);
            Assert.Equal(percentile, reported[i], 9);
        }
        // Binomial(10 000, 0.5): σ = 50, so 5σ = 250 either side; a fair split falls outside with probability < 1e-6.
        var control = variants.Count(v => v == "control");
        Assert.InRange(control, 5_000 - 250, 5_000 + 250);
    }

    [Fact]
    public async Task The_reason_is_the_one_feature_management_itself_reports()
    {
        // The library's evaluation event, heard in this flow, for a listed user, a grouped user and a percentile user.
        var features = service.GetService<Microsoft.FeatureManagement.IVariantFeatureManager>();
        var reasons = service.GetService<Recommender.Api.Experiments.FeatureEvaluationReasons>();
        async Task<(string? Variant, string? Reason)> Evaluate(string user, params string[] groups)
        {
            var slot = reasons.Expect();
            var variant = await features.GetVariantAsync("split",
                new Microsoft.FeatureManagement.FeatureFilters.TargetingContext { UserId = user, Groups = groups }, TestContext.Current.CancellationToken);
            return (variant?.Name, slot.Value);
        }

        Assert.Equal(("treatment", "User"), await Evaluate("vip-1"));
        Assert.Equal(("control", "Group"), await Evaluate("beta-4", "beta"));
        Assert.Equal(("treatment", "Percentile"), await Evaluate("beta-4"));
    }

    [Fact]
    public async Task The_same_user_gets_the_same_variant_every_time()
    {
        foreach (var user in new[] { "user-1", "user-2", "someone@example.com", "ünïcode" })
        {
            var first = await Assignment("split", user);
            for (var repeat = 0; repeat < 5; repeat++)
                Assert.Equal(first.GetProperty("variant").GetString(), (await Assignment("split", user)).GetProperty("variant").GetString());
        }
    }

    [Fact]
    public async Task A_listed_user_gets_the_listed_variant_whatever_the_percentile_and_before_groups()
    {
        Assert.InRange(Percentile("vip-1", SplitExperimentService.Seed), 0, 50); // the percentile alone says control

        var alone = await Assignment("split", "vip-1");
        var withGroup = await Assignment("split", "vip-1", groups: "beta");

        Assert.Equal(("treatment", "user"), (alone.GetProperty("variant").GetString(), alone.GetProperty("reason").GetString()));
        Assert.Equal(("treatment", "user"), (withGroup.GetProperty("variant").GetString(), withGroup.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_user_in_a_listed_group_gets_the_group_variant_and_recommendations_follow_it()
    {
        Assert.InRange(Percentile("beta-4", SplitExperimentService.Seed), 50, 100); // the percentile alone says treatment
        var ct = TestContext.Current.CancellationToken;

        var plain = await Assignment("split", "beta-4");
        var grouped = await Assignment("split", "beta-4", groups: "alpha,beta");
        using var recommended = await service.Client.PostAsJsonAsync("/v1/recommendations",
            new { userId = "beta-4", placement = "home", context = new { groups = new[] { "beta" } } }, ct);
        using var recommendedPlain = await service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = "beta-4", placement = "home" }, ct);

        Assert.Equal(("treatment", "percentile"), (plain.GetProperty("variant").GetString(), plain.GetProperty("reason").GetString()));
        Assert.Equal(("control", "group"), (grouped.GetProperty("variant").GetString(), grouped.GetProperty("reason").GetString()));
        Assert.Equal("control", (await recommended.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("variant").GetString());
        Assert.Equal("treatment", (await recommendedPlain.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("variant").GetString());
    }

    [Fact]
    public async Task A_disabled_experiment_serves_default_when_disabled()
    {
        var assignment = await Assignment("paused", "user-7");

        Assert.Equal(("off", "default_when_disabled"), (assignment.GetProperty("variant").GetString(), assignment.GetProperty("reason").GetString()));
        Assert.Equal(["popularity"], assignment.GetProperty("policy").GetProperty("models").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Context_groups_that_are_not_a_list_of_names_are_refused_naming_the_field()
    {
        using var response = await service.Client.PostAsJsonAsync("/v1/recommendations",
            new { userId = "u1", context = new { groups = "beta" } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("context.groups", out _));
    }

    [Fact]
    public async Task An_unknown_experiment_is_a_404_problem_naming_the_id()
    {
        using var response = await service.Client.GetAsync("/v1/experiments/nope/assignments/u1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }
}
