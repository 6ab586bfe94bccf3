namespace Recommender.Experiments.Analysis;

/// <summary>A per-user metric: which outcome type counts, and how a user's events of that type are aggregated.</summary>
public sealed record OutcomeMetric
{
    public OutcomeMetric(string outcomeType, MetricAggregation aggregation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcomeType);
        if (!Enum.IsDefined(aggregation))
            throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation.");
        OutcomeType = outcomeType;
        Aggregation = aggregation;
    }

    public string OutcomeType { get; }

    public MetricAggregation Aggregation { get; }
}
