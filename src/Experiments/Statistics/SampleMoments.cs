namespace Recommender.Experiments.Statistics;

/// <summary>
/// The first two moments of a sample of per-user values: how many users, their mean and their unbiased variance
/// (denominator n − 1). <see cref="Mean"/> is meaningful from one user on, <see cref="Variance"/> from two; below
/// that they are 0, never NaN, and callers check <see cref="Count"/>.
/// </summary>
/// <param name="Count">The number of users (n).</param>
/// <param name="Mean">x̄.</param>
/// <param name="Variance">s² = Σ(x − x̄)² / (n − 1).</param>
public readonly record struct SampleMoments(long Count, double Mean, double Variance)
{
    // The double machine epsilon, 2⁻⁵² (double.Epsilon is the smallest subnormal, something else).
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>At least two users: the variance and everything built on it are defined.</summary>
    public bool HasVariance => Count >= 2;

    /// <summary>s²/n, the squared standard error of the mean (0 below two users).</summary>
    public double VarianceOfMean => HasVariance ? Variance / Count : 0;

    /// <summary>The moments of n values from their sum and sum of squares (what the store aggregates in SQL).</summary>
    public static SampleMoments FromSums(long count, double sum, double sumOfSquares)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!double.IsFinite(sum)) throw new ArgumentOutOfRangeException(nameof(sum), sum, "The sum must be finite.");
        if (!double.IsFinite(sumOfSquares) || sumOfSquares < 0)
            throw new ArgumentOutOfRangeException(nameof(sumOfSquares), sumOfSquares, "The sum of squares must be finite and non-negative.");
        if (count == 0) return new SampleMoments(0, 0, 0);
        double mean = sum / count;
        if (count == 1) return new SampleMoments(1, mean, 0);
        return new SampleMoments(count, mean, WithoutRoundingNoise(sumOfSquares - sum * mean, sumOfSquares, count) / (count - 1));
    }

    /// <summary>
    /// A centred sum of squares (Σ(x − x̄)², computed as a difference of large sums) with its rounding noise taken
    /// as exactly 0. When every value is (nearly) the same, Σx² − (Σx)²/n cancels catastrophically: what remains
    /// is the rounding error of summing n terms, up to about n ulps of Σx², and it may even be negative. Keeping
    /// that noise would turn a constant metric into an absurdly large t statistic; a real metric whose spread is
    /// that small relative to its mean (a coefficient of variation below ~√(n·2⁻⁵²)) does not occur.
    /// </summary>
    /// <param name="centred">The centred sum of squares as computed.</param>
    /// <param name="scale">The uncentred sum of squares it was computed from (Σx²).</param>
    /// <param name="count">How many terms those sums have.</param>
    internal static double WithoutRoundingNoise(double centred, double scale, long count) =>
        centred <= Math.Max(64, count) * MachineEpsilon * scale ? 0 : centred;
}
