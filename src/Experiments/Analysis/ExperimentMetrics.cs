using Recommender.Experiments.Outcomes;

namespace Recommender.Experiments.Analysis;

/// <summary>
/// The metrics by name. For every outcome type t: "t" is t events per user (clicks per user), "t_rate" the share of
/// users with at least one t event (click-through rate per user). "revenue" is the sum of purchase values per user,
/// a purchase without a value counting 0. Every metric is per exposed user: users without events count 0.
/// </summary>
public static class ExperimentMetrics
{
    /// <summary>The metric used when none is asked for.</summary>
    public const string DefaultName = "click";

    public const string RateSuffix = "_rate";

    public const string Revenue = "revenue";

    /// <summary>Every metric, in a stable order.</summary>
    public static IReadOnlyList<ExperimentMetric> All { get; } = Build();

    private static readonly Dictionary<string, ExperimentMetric> ByName =
        All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The names, comma-separated (for error messages and help texts).</summary>
    public static string NameList => string.Join(", ", All.Select(m => m.Name));

    /// <summary>The metric named <paramref name="name"/> (exact, lower case).</summary>
    public static bool TryGet(string? name, out ExperimentMetric metric)
    {
        metric = null!;
        return name is not null && ByName.TryGetValue(name, out metric!);
    }

    private static List<ExperimentMetric> Build()
    {
        var metrics = new List<ExperimentMetric>();
        foreach (var type in OutcomeTypes.All)
        {
            var plural = type.Replace('_', ' ') + " events";
            metrics.Add(new ExperimentMetric(type, new OutcomeMetric(type, MetricAggregation.EventCount), $"{plural} per user"));
            metrics.Add(new ExperimentMetric(type + RateSuffix, new OutcomeMetric(type, MetricAggregation.Conversion),
                $"share of users with at least one {type.Replace('_', ' ')} event"));
        }
        metrics.Add(new ExperimentMetric(Revenue, new OutcomeMetric(OutcomeTypes.Purchase, MetricAggregation.ValueSum),
            "sum of purchase values per user (a purchase without a value counts 0)"));
        return metrics;
    }
}
