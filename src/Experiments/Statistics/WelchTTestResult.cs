namespace Recommender.Experiments.Statistics;

/// <summary>The outcome of <see cref="WelchTTest.Compare"/>; a value that cannot be computed is null and <see cref="Reason"/> says why.</summary>
/// <param name="Difference">Treatment mean − control mean (null when either has no users).</param>
/// <param name="StandardError">√(s₁²/n₁ + s₀²/n₀).</param>
/// <param name="DegreesOfFreedom">The Welch–Satterthwaite ν (not an integer in general).</param>
/// <param name="TStatistic">Difference / standard error.</param>
/// <param name="PValue">Two-sided.</param>
/// <param name="Interval">The confidence interval of the difference.</param>
/// <param name="Reason">Why the null values are null; null when everything was computed.</param>
public sealed record WelchTTestResult(
    double? Difference,
    double? StandardError,
    double? DegreesOfFreedom,
    double? TStatistic,
    double? PValue,
    ConfidenceInterval? Interval,
    string? Reason)
{
    internal static WelchTTestResult Unavailable(double? difference, string reason) =>
        new(difference, null, null, null, null, null, reason);
}
