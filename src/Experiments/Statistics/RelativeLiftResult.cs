namespace Recommender.Experiments.Statistics;

/// <summary>The outcome of <see cref="RelativeLift.Estimate"/>; a value that cannot be computed is null and <see cref="Reason"/> says why.</summary>
/// <param name="Lift">Treatment mean / control mean − 1 (0.05 is +5 %).</param>
/// <param name="StandardError">The delta-method standard error of <paramref name="Lift"/>.</param>
/// <param name="Interval">The confidence interval of <paramref name="Lift"/>.</param>
/// <param name="Reason">Why the null values are null; null when everything was computed.</param>
public sealed record RelativeLiftResult(double? Lift, double? StandardError, ConfidenceInterval? Interval, string? Reason);
