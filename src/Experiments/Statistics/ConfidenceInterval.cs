namespace Recommender.Experiments.Statistics;

/// <summary>A two-sided confidence interval; its level is stated once on the <see cref="ExperimentAnalysis"/>.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public sealed record ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>Whether <paramref name="value"/> lies inside the interval, bounds included.</summary>
    public bool Contains(double value) => Lower <= value && value <= Upper;

    /// <summary>estimate ± halfWidth.</summary>
    public static ConfidenceInterval Around(double estimate, double halfWidth) => new(estimate - halfWidth, estimate + halfWidth);
}
