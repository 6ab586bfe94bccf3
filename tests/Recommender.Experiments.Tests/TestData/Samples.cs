using Recommender.Experiments.Exposures;
using Recommender.Experiments.Outcomes;

namespace Recommender.Experiments.Tests.TestData;

/// <summary>Exposures and outcomes with readable defaults.</summary>
public static class Samples
{
    /// <summary>2025-01-01T00:00Z: times in tests are this plus whole minutes.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int minutes) => Start.AddMinutes(minutes);

    public static Exposure Exposure(
        string requestId, string user = "u1", string experiment = "exp", string variant = "control", int minute = 0) =>
        new(
            requestId,
            At(minute),
            user,
            experiment,
            variant,
            ConfigVersion: "v1",
            ModelVersions: new Dictionary<string, string> { ["sar"] = "3", ["popularity"] = "1" },
            Strategy: "weighted",
            Items: [new ExposedItem("i1", 1, 0.9f), new ExposedItem("i2", 2, 0.5f)]);

    public static Exposure[] Exposures(string prefix, int count, string experiment = "load") =>
        Enumerable.Range(0, count)
            .Select(i => Exposure($"{prefix}-{i}", user: $"user-{i % 97}", experiment: experiment, variant: i % 2 == 0 ? "a" : "b", minute: i % 60))
            .ToArray();

    public static OutcomeEvent Outcome(
        string eventId, string type = "click", string user = "u1", string? request = null, int minute = 0, double? value = null, string item = "i1") =>
        new(eventId, type, user, item, request, At(minute), value);
}
