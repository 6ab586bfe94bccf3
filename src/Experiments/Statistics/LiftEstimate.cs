namespace Recommender.Experiments.Statistics;

/// <summary>
/// A variant against the control: the absolute lift (difference of means) with Welch's t-test and interval, and
/// the relative lift with its delta-method interval (see <see cref="WelchTTest"/> and <see cref="RelativeLift"/>).
/// A value that cannot be computed is null, and <see cref="Notes"/> says which and why.
/// </summary>
/// <param name="Absolute">Variant mean − control mean.</param>
/// <param name="AbsoluteInterval">Its confidence interval (Welch).</param>
/// <param name="StandardError">The standard error of <paramref name="Absolute"/>.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite.</param>
/// <param name="TStatistic">Absolute / standard error.</param>
/// <param name="PValue">Two-sided p-value of Welch's t-test.</param>
/// <param name="Significant">p below 1 − the confidence level.</param>
/// <param name="Relative">Variant mean / control mean − 1.</param>
/// <param name="RelativeInterval">Its confidence interval (delta method, normal quantile).</param>
/// <param name="Notes">Why null values are null.</param>
public sealed record LiftEstimate(
    double? Absolute,
    ConfidenceInterval? AbsoluteInterval,
    double? StandardError,
    double? DegreesOfFreedom,
    double? TStatistic,
    double? PValue,
    bool? Significant,
    double? Relative,
    ConfidenceInterval? RelativeInterval,
    IReadOnlyList<string> Notes)
{
    /// <summary>Compares <paramref name="variant"/> with <paramref name="control"/>.</summary>
    public static LiftEstimate Between(SampleMoments variant, SampleMoments control, double confidenceLevel)
    {
        var welch = WelchTTest.Compare(variant, control, confidenceLevel);
        var relative = RelativeLift.Estimate(variant, control, confidenceLevel);
        var notes = new List<string>(2);
        if (welch.Reason is not null) notes.Add("absolute lift: " + welch.Reason);
        if (relative.Reason is not null) notes.Add("relative lift: " + relative.Reason);
        return new LiftEstimate(
            welch.Difference, welch.Interval, welch.StandardError, welch.DegreesOfFreedom, welch.TStatistic, welch.PValue,
            welch.PValue is { } p ? p < 1 - confidenceLevel : null,
            relative.Lift, relative.Interval,
            notes);
    }
}
