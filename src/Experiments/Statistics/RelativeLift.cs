namespace Recommender.Experiments.Statistics;

/// <summary>
/// The relative lift r = x̄₁ / x̄₀ − 1 and its confidence interval by the delta method. The two means are
/// independent (different users), so the first-order Taylor expansion of the ratio gives
/// Var(r) ≈ Var(x̄₁)/x̄₀² + x̄₁² Var(x̄₀)/x̄₀⁴ = (s₁²/n₁)/x̄₀² + x̄₁² (s₀²/n₀)/x̄₀⁴,
/// and the interval r ± z × √Var(r) uses the normal quantile, as the expansion itself is a large-sample
/// approximation (Deng, Knoblich and Lu, "Applying the Delta Method in Metric Analytics", KDD 2018). It is
/// symmetric and can be poor when the control mean is small relative to its standard error; the p-value of the
/// experiment is the t-test's on the absolute difference, which the relative lift merely rescales.
/// </summary>
public static class RelativeLift
{
    /// <summary>Estimates treatment / control − 1.</summary>
    public static RelativeLiftResult Estimate(SampleMoments treatment, SampleMoments control, double confidenceLevel)
    {
        if (treatment.Count == 0 || control.Count == 0)
            return new RelativeLiftResult(null, null, null, treatment.Count == 0 ? "the variant has no users" : "the control has no users");
        if (control.Mean == 0)
            return new RelativeLiftResult(null, null, null, "the control mean is 0: a relative change is undefined");

        double ratio = treatment.Mean / control.Mean;
        double lift = ratio - 1;
        if (!double.IsFinite(lift))
            return new RelativeLiftResult(null, null, null, "the control mean is too close to 0 for a relative change");
        if (!treatment.HasVariance || !control.HasVariance)
            return new RelativeLiftResult(lift, null, null, "a variance needs at least 2 users in each of the variant and the control");

        double controlMeanSquared = control.Mean * control.Mean;
        double variance = treatment.VarianceOfMean / controlMeanSquared + ratio * ratio * control.VarianceOfMean / controlMeanSquared;
        if (!double.IsFinite(variance))
            return new RelativeLiftResult(lift, null, null, "the control mean is too close to 0 for an interval");
        if (variance <= 0)
            return new RelativeLiftResult(lift, null, null, "every user in the variant and in the control has the same value (zero variance)");
        double standardError = Math.Sqrt(variance);
        double halfWidth = SamplingDistributions.NormalCriticalValue(confidenceLevel) * standardError;
        return new RelativeLiftResult(lift, standardError, ConfidenceInterval.Around(lift, halfWidth), null);
    }
}
