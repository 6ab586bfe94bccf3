namespace Recommender.Experiments.Statistics;

/// <summary>
/// Welch's unequal-variances t-test of treatment mean − control mean, on per-user values (the user is the unit of
/// analysis; a rate is the mean of per-user 0/1 values, so rates are covered too).
/// t = (x̄₁ − x̄₀) / √(s₁²/n₁ + s₀²/n₀), with the Welch–Satterthwaite degrees of freedom
/// ν = (s₁²/n₁ + s₀²/n₀)² / ((s₁²/n₁)²/(n₁ − 1) + (s₀²/n₀)²/(n₀ − 1)); the confidence interval is the difference
/// ± t(ν) × standard error.
/// </summary>
public static class WelchTTest
{
    /// <summary>Compares <paramref name="treatment"/> against <paramref name="control"/>.</summary>
    public static WelchTTestResult Compare(SampleMoments treatment, SampleMoments control, double confidenceLevel)
    {
        if (treatment.Count == 0 || control.Count == 0)
            return WelchTTestResult.Unavailable(null, treatment.Count == 0 ? "the variant has no users" : "the control has no users");
        double difference = treatment.Mean - control.Mean;
        if (!treatment.HasVariance || !control.HasVariance)
            return WelchTTestResult.Unavailable(difference, "a variance needs at least 2 users in each of the variant and the control");

        double treatmentPart = treatment.VarianceOfMean;
        double controlPart = control.VarianceOfMean;
        double varianceOfDifference = treatmentPart + controlPart;
        if (varianceOfDifference <= 0)
            return WelchTTestResult.Unavailable(difference, "every user in the variant and in the control has the same value (zero variance): the t-test is undefined");

        double standardError = Math.Sqrt(varianceOfDifference);
        double degreesOfFreedom = varianceOfDifference * varianceOfDifference /
            (treatmentPart * treatmentPart / (treatment.Count - 1) + controlPart * controlPart / (control.Count - 1));
        double t = difference / standardError;
        if (!double.IsFinite(degreesOfFreedom) || !(degreesOfFreedom > 0) || !double.IsFinite(t))
            return WelchTTestResult.Unavailable(difference, "the variances are too small to compute with (numerically degenerate)");
        double halfWidth = SamplingDistributions.StudentTCriticalValue(degreesOfFreedom, confidenceLevel) * standardError;
        return new WelchTTestResult(
            difference, standardError, degreesOfFreedom, t,
            SamplingDistributions.StudentTTwoSidedPValue(t, degreesOfFreedom),
            ConfidenceInterval.Around(difference, halfWidth),
            null);
    }
}
