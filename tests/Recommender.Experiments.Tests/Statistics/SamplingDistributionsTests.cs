using Recommender.Experiments.Statistics;

namespace Recommender.Experiments.Tests.Statistics;

public sealed class SamplingDistributionsTests
{
    // Critical values from any printed t table (two-sided 95 %, i.e. the 0.975 quantile).
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(4, 2.7764)]
    [InlineData(10, 2.2281)]
    [InlineData(30, 2.0423)]
    public void Student_t_critical_values_match_the_table(double degreesOfFreedom, double tabled) =>
        Assert.Equal(tabled, SamplingDistributions.StudentTCriticalValue(degreesOfFreedom, 0.95), 4);

    [Fact]
    public void The_normal_critical_value_is_1_96() =>
        Assert.Equal(1.959964, SamplingDistributions.NormalCriticalValue(0.95), 6);

    // At a tabled critical value the two-sided p is exactly 1 − level.
    [Theory]
    [InlineData(2.776445105, 4)]
    [InlineData(2.228138852, 10)]
    public void The_p_value_at_a_critical_value_is_5_percent(double t, double degreesOfFreedom)
    {
        Assert.Equal(0.05, SamplingDistributions.StudentTTwoSidedPValue(t, degreesOfFreedom), 9);
        Assert.Equal(0.05, SamplingDistributions.StudentTTwoSidedPValue(-t, degreesOfFreedom), 9);
    }

    [Fact]
    public void Huge_degrees_of_freedom_converge_to_the_normal()
    {
        Assert.Equal(1.959964, SamplingDistributions.StudentTCriticalValue(1e12, 0.95), 6);
        // 2(1 − Φ(2)) = 0.0455003.
        Assert.Equal(0.0455003, SamplingDistributions.StudentTTwoSidedPValue(2, 1e12), 7);
        Assert.Equal(0.0455003, SamplingDistributions.StudentTTwoSidedPValue(2, 1e6), 5);
    }

    [Fact]
    public void Tiny_p_values_keep_their_precision()
    {
        // One degree of freedom: P(χ² ≥ x) = erfc(√(x/2)); erfc(√50) = 1.5239706e-23 (e.g. Python's math.erfc).
        Assert.Equal(1.5239706e-23, SamplingDistributions.ChiSquareUpperTail(100, 1), 1e-29);
        // Standard normal, z = 12: erfc(12/√2) = 3.5529642e-33.
        Assert.Equal(3.5529642e-33, SamplingDistributions.NormalTwoSidedPValue(12), 1e-39);
    }

    [Fact]
    public void Chi_square_with_two_degrees_of_freedom_is_exponential()
    {
        // k = 2: P(χ² ≥ x) = e^(−x/2).
        Assert.Equal(Math.Exp(-1.2), SamplingDistributions.ChiSquareUpperTail(2.4, 2), 12);
        Assert.Equal(1.0, SamplingDistributions.ChiSquareUpperTail(0, 3), 12);
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplingDistributions.StudentTTwoSidedPValue(double.NaN, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplingDistributions.StudentTTwoSidedPValue(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplingDistributions.StudentTCriticalValue(3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplingDistributions.ChiSquareUpperTail(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplingDistributions.ChiSquareUpperTail(1, 0));
    }
}
