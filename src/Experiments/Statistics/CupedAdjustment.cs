using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Statistics;

/// <summary>
/// CUPED (Deng, Xu, Kohavi and Walker, "Improving the Sensitivity of Online Controlled Experiments by Utilizing
/// Pre-Experiment Data", WSDM 2013). With x a user's metric after their first exposure and y the same metric
/// before it, each user's value is replaced by x − θ(y − ȳ), ȳ the covariate mean over all users of all variants.
/// Because y was fixed before assignment, E[ȳ_variant − ȳ] = 0 and the adjusted means estimate the same lift as
/// the raw ones, while the variance of the adjusted values, var(x) − 2θ cov(x, y) + θ² var(y), is smallest at
/// θ = cov(x, y) / var(y), where it is var(x)(1 − ρ²).
/// θ here is pooled across variants from within-variant centred sums, so that the treatment's shift of x does
/// not enter it: θ = Σ_v Σ(x − x̄_v)(y − ȳ_v) / Σ_v Σ(y − ȳ_v)². As in the paper, θ is treated as known when the
/// adjusted variances are used (its estimation error is O(1/n) and ignored).
/// </summary>
public sealed class CupedAdjustment
{
    private CupedAdjustment(double theta, double covariateMean, double? correlation)
    {
        Theta = theta;
        CovariateMean = covariateMean;
        Correlation = correlation;
    }

    /// <summary>θ, the pooled within-variant regression slope of the metric on the covariate.</summary>
    public double Theta { get; }

    /// <summary>ȳ over all users of all variants (the centre the adjustment subtracts).</summary>
    public double CovariateMean { get; }

    /// <summary>The pooled within-variant correlation of metric and covariate; null when the metric does not vary.</summary>
    public double? Correlation { get; }

    /// <summary>ρ²: the share of the (pooled within-variant) metric variance the adjustment removes.</summary>
    public double? VarianceReduction => Correlation * Correlation;

    /// <summary>
    /// Estimates θ from every variant's sums, or returns null with the reason when there is no covariate to use:
    /// no user had outcomes before exposure, or the covariate is the same for every user.
    /// </summary>
    public static CupedAdjustment? Estimate(IReadOnlyList<VariantMetricSums> variants, out string? unavailableReason)
    {
        ArgumentNullException.ThrowIfNull(variants);
        long users = 0, usersWithPriorEvents = 0;
        double priorSum = 0, centredMetric = 0, centredCovariate = 0, centredCross = 0;
        foreach (var v in variants)
        {
            users += v.Users;
            usersWithPriorEvents += v.UsersWithPriorEvents;
            priorSum += v.PriorSum;
            if (v.Users < 2) continue;   // one user has no within-variant spread
            centredMetric += SampleMoments.WithoutRoundingNoise(v.SumOfSquares - v.Sum * v.Sum / v.Users, v.SumOfSquares, v.Users);
            centredCovariate += SampleMoments.WithoutRoundingNoise(v.PriorSumOfSquares - v.PriorSum * v.PriorSum / v.Users, v.PriorSumOfSquares, v.Users);
            centredCross += v.CrossSum - v.Sum * v.PriorSum / v.Users;
        }

        if (users == 0)
        {
            unavailableReason = "no users";
            return null;
        }
        if (usersWithPriorEvents == 0)
        {
            unavailableReason = "no user had outcomes of this type before their first exposure (no pre-experiment covariate)";
            return null;
        }
        if (centredCovariate <= 0)
        {
            unavailableReason = "the pre-experiment covariate is the same for every user of each variant: it explains nothing";
            return null;
        }

        unavailableReason = null;
        double? correlation = centredMetric > 0
            ? Math.Clamp(centredCross / Math.Sqrt(centredMetric * centredCovariate), -1, 1)
            : null;
        return new CupedAdjustment(centredCross / centredCovariate, priorSum / users, correlation);
    }

    /// <summary>The moments of one variant's adjusted per-user values x − θ(y − ȳ).</summary>
    public SampleMoments Adjust(VariantMetricSums variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        long n = variant.Users;
        if (n == 0) return new SampleMoments(0, 0, 0);
        double metricMean = variant.Sum / n;
        double covariateMean = variant.PriorSum / n;
        double adjustedMean = metricMean - Theta * (covariateMean - CovariateMean);
        if (n == 1) return new SampleMoments(1, adjustedMean, 0);

        // Σ((x − x̄) − θ(y − ȳ_v))² = Cxx − 2θ Cxy + θ² Cyy, the centred sums of this variant.
        double centredMetric = variant.SumOfSquares - variant.Sum * metricMean;
        double centredCovariate = variant.PriorSumOfSquares - variant.PriorSum * covariateMean;
        double centredCross = variant.CrossSum - variant.Sum * covariateMean;
        double residual = centredMetric - 2 * Theta * centredCross + Theta * Theta * centredCovariate;
        double scale = variant.SumOfSquares + Theta * Theta * variant.PriorSumOfSquares;
        return new SampleMoments(n, adjustedMean, SampleMoments.WithoutRoundingNoise(residual, scale, n) / (n - 1));
    }
}
