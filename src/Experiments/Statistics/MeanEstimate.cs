namespace Recommender.Experiments.Statistics;

/// <summary>A variant's metric per user with its t-based confidence interval; a value that cannot be computed is null and <see cref="Reason"/> says why.</summary>
/// <param name="Mean">The metric per user (a rate for a 0/1 metric); null without users.</param>
/// <param name="StandardDeviation">s, over users.</param>
/// <param name="StandardError">s/√n.</param>
/// <param name="Interval">mean ± t(n − 1) × s/√n.</param>
/// <param name="Reason">Why the null values are null; null when everything was computed.</param>
public sealed record MeanEstimate(
    double? Mean,
    double? StandardDeviation,
    double? StandardError,
    ConfidenceInterval? Interval,
    string? Reason)
{
    /// <summary>The estimate of the mean of the population <paramref name="sample"/> was drawn from.</summary>
    public static MeanEstimate Of(SampleMoments sample, double confidenceLevel)
    {
        if (sample.Count == 0) return new MeanEstimate(null, null, null, null, "no users");
        if (!sample.HasVariance) return new MeanEstimate(sample.Mean, null, null, null, "a confidence interval needs at least 2 users");
        double standardDeviation = Math.Sqrt(sample.Variance);
        double standardError = Math.Sqrt(sample.VarianceOfMean);
        if (standardError == 0)
            return new MeanEstimate(sample.Mean, 0, 0, null, "every user has the same value (zero variance): no t interval");
        double halfWidth = SamplingDistributions.StudentTCriticalValue(sample.Count - 1, confidenceLevel) * standardError;
        return new MeanEstimate(sample.Mean, standardDeviation, standardError, ConfidenceInterval.Around(sample.Mean, halfWidth), null);
    }
}
