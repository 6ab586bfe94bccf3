using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Recommender.Experiments.Statistics;

/// <summary>
/// The sampling distributions of the test statistics (Student t, standard normal, chi-square): the tail
/// probabilities and critical values the tests need, from MathNet.Numerics. Tails go through the
/// regularized incomplete beta and gamma functions rather than 1 − CDF: that difference rounds to 0 once the
/// p-value is below ~1e-16, and a sample-ratio mismatch or a large experiment's lift routinely is (χ² = 100 on
/// one degree of freedom is p ≈ 1.5e-23, and should read so, not 0).
/// </summary>
public static class SamplingDistributions
{
    // Beyond this many degrees of freedom Student's t is the standard normal to better than 3e-7 in the critical
    // value ((z³ + z)/4ν), and MathNet's t quantile drifts from it (by 9e-4 at ν = 1e12): use the normal.
    private const double NormalLimitDegreesOfFreedom = 1e7;

    /// <summary>P(|T| ≥ |t|) for Student's t with <paramref name="degreesOfFreedom"/> (any positive real).</summary>
    public static double StudentTTwoSidedPValue(double t, double degreesOfFreedom)
    {
        RequireFinite(t, nameof(t));
        RequirePositive(degreesOfFreedom, nameof(degreesOfFreedom));
        if (degreesOfFreedom > NormalLimitDegreesOfFreedom) return NormalTwoSidedPValue(t);
        // P(|T| ≥ t) = I_{ν/(ν+t²)}(ν/2, 1/2), the regularized incomplete beta function.
        return SpecialFunctions.BetaRegularized(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t));
    }

    /// <summary>P(|Z| ≥ |z|) for the standard normal.</summary>
    public static double NormalTwoSidedPValue(double z)
    {
        RequireFinite(z, nameof(z));
        return SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));
    }

    /// <summary>The t such that P(|T| ≤ t) = <paramref name="confidenceLevel"/> (2.776 for ν = 4 at 95%).</summary>
    public static double StudentTCriticalValue(double degreesOfFreedom, double confidenceLevel)
    {
        RequirePositive(degreesOfFreedom, nameof(degreesOfFreedom));
        RequireLevel(confidenceLevel);
        if (degreesOfFreedom > NormalLimitDegreesOfFreedom) return NormalCriticalValue(confidenceLevel);
        return StudentT.InvCDF(0, 1, degreesOfFreedom, (1 + confidenceLevel) / 2);
    }

    /// <summary>The z such that P(|Z| ≤ z) = <paramref name="confidenceLevel"/> (1.95996 at 95%).</summary>
    public static double NormalCriticalValue(double confidenceLevel)
    {
        RequireLevel(confidenceLevel);
        return Normal.InvCDF(0, 1, (1 + confidenceLevel) / 2);
    }

    /// <summary>P(X ≥ <paramref name="chiSquare"/>) for the chi-square distribution with k degrees of freedom.</summary>
    public static double ChiSquareUpperTail(double chiSquare, int degreesOfFreedom)
    {
        RequireFinite(chiSquare, nameof(chiSquare));
        ArgumentOutOfRangeException.ThrowIfNegative(chiSquare);
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        // Q(k/2, x/2), the regularized upper incomplete gamma function.
        return SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, chiSquare / 2);
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, "The value must be finite.");
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0)) throw new ArgumentOutOfRangeException(name, value, "The value must be positive.");
    }

    private static void RequireLevel(double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie strictly between 0 and 1.");
    }
}
