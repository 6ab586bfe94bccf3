namespace Recommender.Experiments.Analysis;

/// <summary>A metric the results endpoint and the report verb accept by name, with what it measures.</summary>
/// <param name="Name">The name callers pass (?metric=click).</param>
/// <param name="Metric">The outcome type and per-user aggregation the store computes.</param>
/// <param name="Description">What one user's value is, in words.</param>
public sealed record ExperimentMetric(string Name, OutcomeMetric Metric, string Description);
