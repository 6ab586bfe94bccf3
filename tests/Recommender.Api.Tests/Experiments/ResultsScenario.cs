using Microsoft.Extensions.DependencyInjection;
using Recommender.Api.Experiments;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.Outcomes;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Tests.Experiments;

/// <summary>
/// Experiments with hand-computable results, written into a running service's configuration and store. Seeding is
/// idempotent (exposures by request id, outcomes by event id), so every test may seed.
/// <para>"results-ab", configured control 50 / treatment 50. Users c1–c4 (control) and t1–t4 (treatment) are each
/// exposed at minute 10; t1 again at minute 20 (5 treatment exposures).</para>
/// <list type="bullet">
/// <item>clicks after exposure: control 1, 0, 2, 1 (mean 1, s² = 2/3); treatment 2, 1, 3, 2 (mean 2, s² = 2/3).</item>
/// <item>clicks before exposure (minute 0, the CUPED covariate): 1, 0, 1, 0 in both variants.</item>
/// <item>purchases: c3 10 (through its request id), t1 30 (through its second request): revenue per user 0, 0, 10, 0
/// (mean 2.5, s² = 25) and 30, 0, 0, 0 (mean 7.5, s² = 225); nothing bought before exposure.</item>
/// </list>
/// <para>"results-srm", configured 50/50, with 30 users exposed to control and 70 to treatment.</para>
/// </summary>
public static class ResultsScenario
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Experiments = """
        {
          "placements": { "default": "home-ranker", "home": "home-ranker" },
          "feature_management": { "feature_flags": [
            { "id": "home-ranker", "enabled": true,
              "variants": [ { "name": "blend", "configuration_value": { "strategy": "weighted", "models": ["als", "sar"], "weights": { "als": 0.6, "sar": 0.4 }, "normalization": "zscore", "rules": "default" } } ],
              "allocation": { "default_when_enabled": "blend" } },
            { "id": "results-ab", "enabled": true,
              "variants": [
                { "name": "treatment", "configuration_value": { "strategy": "cascade", "models": ["als", "popularity"], "rules": "none" } },
                { "name": "control", "configuration_value": { "strategy": "cascade", "models": ["sar", "popularity"], "rules": "none" } } ],
              "allocation": { "seed": "results-ab", "default_when_enabled": "treatment",
                "percentile": [ { "variant": "control", "from": 0, "to": 50 }, { "variant": "treatment", "from": 50, "to": 100 } ] } },
            { "id": "results-srm", "enabled": true,
              "variants": [
                { "name": "a", "configuration_value": { "strategy": "cascade", "models": ["sar", "popularity"], "rules": "none" } },
                { "name": "b", "configuration_value": { "strategy": "cascade", "models": ["als", "popularity"], "rules": "none" } } ],
              "allocation": { "seed": "results-srm",
                "percentile": [ { "variant": "a", "from": 0, "to": 50 }, { "variant": "b", "from": 50, "to": 100 } ] } }
          ] }
        }
        """;

    /// <summary>Puts <see cref="Experiments"/> in force and the scenario's data into the service's store.</summary>
    public static async Task SeedAsync(RunningService service, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(service.ExperimentsPath, Experiments, cancellationToken);
        var errors = service.GetService<ExperimentsConfigStore>().Reload();
        Assert.Empty(errors);
        await SeedAsync(service.GetService<IExperimentStore>(), cancellationToken);
    }

    public static async Task SeedAsync(IExperimentStore store, CancellationToken cancellationToken)
    {
        var exposures = new List<Exposure>();
        for (var i = 1; i <= 4; i++)
        {
            exposures.Add(Exposure($"ab-c{i}", $"c{i}", "results-ab", "control", 10));
            exposures.Add(Exposure($"ab-t{i}", $"t{i}", "results-ab", "treatment", 10));
        }
        exposures.Add(Exposure("ab-t1b", "t1", "results-ab", "treatment", 20));
        for (var i = 0; i < 100; i++)
            exposures.Add(Exposure($"srm-{i}", $"s{i}", "results-srm", i < 30 ? "a" : "b", 5));
        await store.AppendExposuresAsync(exposures, cancellationToken);

        int[] controlClicks = [1, 0, 2, 1], treatmentClicks = [2, 1, 3, 2], priorClicks = [1, 0, 1, 0];
        var outcomes = new List<OutcomeEvent>();
        for (var i = 1; i <= 4; i++)
        {
            AddClicks(outcomes, $"c{i}", $"ab-c{i}", controlClicks[i - 1]);
            AddClicks(outcomes, $"t{i}", $"ab-t{i}", treatmentClicks[i - 1]);
            for (var k = 0; k < priorClicks[i - 1]; k++)
            {
                outcomes.Add(Outcome($"prior-c{i}-{k}", "click", $"c{i}", null, 0));
                outcomes.Add(Outcome($"prior-t{i}-{k}", "click", $"t{i}", null, 0));
            }
        }
        outcomes.Add(Outcome("buy-c3", "purchase", "c3", "ab-c3", 12, 10));
        outcomes.Add(Outcome("buy-t1", "purchase", "t1", "ab-t1b", 22, 30));
        await store.AppendOutcomesAsync(outcomes, cancellationToken);
    }

    // Every other click names its request; the rest have none and are attributed through the user's exposure.
    private static void AddClicks(List<OutcomeEvent> outcomes, string user, string request, int clicks)
    {
        for (var k = 0; k < clicks; k++)
            outcomes.Add(Outcome($"click-{user}-{k}", "click", user, k % 2 == 0 ? request : null, 11 + k));
    }

    private static Exposure Exposure(string requestId, string user, string experiment, string variant, int minute) =>
        new(requestId, Start.AddMinutes(minute), user, experiment, variant, "test",
            new Dictionary<string, string> { ["sar"] = "1" }, "cascade", [new ExposedItem("i1", 1, 1.0f)]);

    private static OutcomeEvent Outcome(string eventId, string type, string user, string? request, int minute, double? value = null) =>
        new(eventId, type, user, "i1", request, Start.AddMinutes(minute), value);
}
