using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Recommender.Api.Experiments;

namespace Recommender.Api.Tests.Experiments;

/// <summary>GET /v1/experiments/{id}/results over HTTP on <see cref="ResultsScenario"/>; expected values worked out by hand there and here.</summary>
public sealed class ExperimentResultsApiTests(RunningService service) : IClassFixture<RunningService>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await ResultsScenario.SeedAsync(service, Cancel);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<ExperimentResults> GetAsync(string path)
    {
        var response = await service.Client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ExperimentResults>(Json, Cancel))!;
    }

    [Fact]
    public async Task Clicks_per_user_with_intervals_lift_and_welch_p_value()
    {
        var results = await GetAsync("/v1/experiments/results-ab/results?metric=click");

        Assert.Equal("results-ab", results.Experiment);
        Assert.Equal("click", results.Metric);
        // Named "control" wins over default_when_enabled ("treatment") and over the first variant ("treatment").
        Assert.Equal("control", results.ControlVariant);
        Assert.Equal(0.95, results.ConfidenceLevel);
        Assert.Equal(["control", "treatment"], results.Variants.Select(v => v.Variant));

        var control = results.Variants[0];
        Assert.True(control.IsControl);
        Assert.Equal((4, 4L, 4L), (control.Users, control.Exposures!.Value, control.Events));
        Assert.Equal(0.5, control.ConfiguredShare);
        // mean 1, s = √(2/3), CI 1 ± t(0.975, 3) × √(2/3)/2 = 1 ± 3.182446 × 0.408248 = 1 ± 1.2992281.
        Assert.Equal(1.0, control.Metric.Mean!.Value, 9);
        Assert.Equal(1 - 1.2992281, control.Metric.Interval!.Lower, tolerance: 1e-6);
        Assert.Equal(1 + 1.2992281, control.Metric.Interval.Upper, tolerance: 1e-6);
        Assert.Null(control.Lift);

        var treatment = results.Variants[1];
        Assert.Equal((4, 5L, 8L), (treatment.Users, treatment.Exposures!.Value, treatment.Events));
        Assert.Equal(2.0, treatment.Metric.Mean!.Value, 9);
        var lift = treatment.Lift!;
        // difference 1, SE √(2/3/4 + 2/3/4) = √(1/3), t = √3 on ν = 6 (equal variances and sizes):
        // p = 1 − sin θ (1 + cos²θ/2 + 3cos⁴θ/8) with tan θ = t/√ν = 1/√2, i.e. 1 − √3/2 = 0.1339746.
        Assert.Equal(1.0, lift.Absolute!.Value, 9);
        Assert.Equal(Math.Sqrt(1.0 / 3), lift.StandardError!.Value, 9);
        Assert.Equal(6.0, lift.DegreesOfFreedom!.Value, 6);
        Assert.Equal(1 - Math.Sqrt(3) / 2, lift.PValue!.Value, 6);
        Assert.False(lift.Significant);
        // 1 ± t(0.975, 6) × √(1/3) = 1 ± 2.446912 × 0.577350 = 1 ± 1.4127253.
        Assert.Equal(1 - 1.4127253, lift.AbsoluteInterval!.Lower, tolerance: 1e-6);
        Assert.Equal(1 + 1.4127253, lift.AbsoluteInterval.Upper, tolerance: 1e-6);
        // relative 2/1 − 1 = 1; delta method: Var = (1/6)/1 + 2² (1/6)/1 = 5/6, CI 1 ± 1.959964 × 0.912871 = 1 ± 1.7891942.
        Assert.Equal(1.0, lift.Relative!.Value, 9);
        Assert.Equal(1 - 1.7891942, lift.RelativeInterval!.Lower, tolerance: 1e-6);
        Assert.Equal(1 + 1.7891942, lift.RelativeInterval.Upper, tolerance: 1e-6);

        Assert.False(results.SampleRatioMismatch.Mismatch);
        Assert.Equal(0.0, results.SampleRatioMismatch.ChiSquare!.Value, 9);
    }

    [Fact]
    public async Task Cuped_uses_the_clicks_before_exposure_and_narrows_the_lift()
    {
        var results = await GetAsync("/v1/experiments/results-ab/results?metric=click");

        // Within each variant x is centred (0, −1, 1, 0) and y (½, −½, ½, −½): Σxy = 1, Σy² = 1, Σx² = 2 per variant,
        // so θ = 2/2 = 1, ρ = 2/√(4 × 2) = 0.7071 and ρ² = ½. ȳ = ½ everywhere, so the means do not move; the
        // adjusted values are 0.5, 0.5, 1.5, 1.5 (+1 in treatment): s² = 1/3 each, SE = √(1/12 + 1/12) = √(1/6),
        // t = √6 on ν = 6: p = 1 − (1/√2)(1 + 1/4 + 3/32) = 0.0498253, significant where the raw test was not.
        Assert.True(results.Cuped.Applied);
        Assert.Equal(1.0, results.Cuped.Theta!.Value, 9);
        Assert.Equal(0.5, results.Cuped.CovariateMean!.Value, 9);
        Assert.Equal(0.5, results.Cuped.VarianceReduction!.Value, 9);
        // c1, c3, t1 and t3 clicked before their exposure.
        Assert.Equal(4, results.Cuped.UsersWithPriorEvents);
        var lift = results.Variants[1].CupedLift!;
        Assert.Equal(1.0, lift.Absolute!.Value, 9);
        Assert.Equal(Math.Sqrt(1.0 / 6), lift.StandardError!.Value, 9);
        Assert.Equal(0.0498253, lift.PValue!.Value, 6);
        Assert.True(lift.Significant);
    }

    [Fact]
    public async Task Revenue_is_the_sum_of_purchase_values_per_user()
    {
        var results = await GetAsync("/v1/experiments/results-ab/results?metric=revenue");

        // control 0, 0, 10, 0; treatment 30, 0, 0, 0: means 2.5 and 7.5, s² 25 and 225, SE √(25/4 + 225/4) = √62.5.
        Assert.Equal(2.5, results.Variants[0].Metric.Mean!.Value, 9);
        Assert.Equal(7.5, results.Variants[1].Metric.Mean!.Value, 9);
        Assert.Equal((1L, 1L), (results.Variants[0].Events, results.Variants[1].Events));
        Assert.Equal(5.0, results.Variants[1].Lift!.Absolute!.Value, 9);
        Assert.Equal(Math.Sqrt(62.5), results.Variants[1].Lift!.StandardError!.Value, 9);
        Assert.Equal(2.0, results.Variants[1].Lift!.Relative!.Value, 9);
        // Nobody bought before their first exposure: no covariate.
        Assert.False(results.Cuped.Applied);
        Assert.NotNull(results.Cuped.Reason);
    }

    [Fact]
    public async Task A_30_70_split_configured_50_50_is_flagged_as_sample_ratio_mismatch()
    {
        var results = await GetAsync("/v1/experiments/results-srm/results?metric=click_rate");

        // Neither variant is named control and there is no default: the first variant, "a".
        Assert.Equal("a", results.ControlVariant);
        Assert.Equal([30L, 70L], results.Variants.Select(v => v.Users));
        // χ² = (30 − 50)²/50 + (70 − 50)²/50 = 16 on 1 degree of freedom: p = erfc(√8) = 6.334e-5 < 0.001.
        var srm = results.SampleRatioMismatch;
        Assert.Equal(16.0, srm.ChiSquare!.Value, 9);
        Assert.Equal(1, srm.DegreesOfFreedom);
        Assert.Equal(6.334248e-5, srm.PValue!.Value, 9);
        Assert.True(srm.Mismatch);
        Assert.Contains(results.Notes, n => n.Contains("sample ratio mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_control_can_be_named()
    {
        var results = await GetAsync("/v1/experiments/results-ab/results?metric=click&control=treatment");

        Assert.Equal("treatment", results.ControlVariant);
        Assert.Equal(-1.0, results.Variants.Single(v => v.Variant == "control").Lift!.Absolute!.Value, 9);
    }

    [Theory]
    [InlineData("/v1/experiments/no-such-experiment/results?metric=click", HttpStatusCode.NotFound, "id")]
    [InlineData("/v1/experiments/results-ab/results?metric=happiness", HttpStatusCode.BadRequest, "metric")]
    [InlineData("/v1/experiments/results-ab/results?metric=click&control=nobody", HttpStatusCode.BadRequest, "control")]
    public async Task Bad_requests_are_problems_naming_the_field(string path, HttpStatusCode status, string field)
    {
        var response = await service.Client.GetAsync(path, Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_metrics_and_shows_an_example()
    {
        var document = await service.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        var operation = document.GetProperty("paths").GetProperty("/v1/experiments/{id}/results").GetProperty("get");
        var description = operation.GetProperty("description").GetString()!;
        foreach (var metric in new[] { "click", "click_rate", "add_to_cart", "purchase_rate", "rating", "dismiss", "revenue = sum of purchase values per user" })
            Assert.Contains(metric, description, StringComparison.Ordinal);
        var example = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("control", example.GetProperty("controlVariant").GetString());
    }
}
