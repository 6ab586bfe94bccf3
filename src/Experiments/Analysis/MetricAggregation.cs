namespace Recommender.Experiments.Analysis;

/// <summary>How a user's outcomes of one type become that user's metric value.</summary>
public enum MetricAggregation
{
    /// <summary>The number of events (clicks per user).</summary>
    EventCount,

    /// <summary>The sum of the events' values, a missing value counting 0 (revenue per user).</summary>
    ValueSum,

    /// <summary>1 when the user had at least one event, else 0 (conversion rate).</summary>
    Conversion,
}
