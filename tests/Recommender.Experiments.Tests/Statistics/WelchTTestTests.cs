using Recommender.Experiments.Statistics;

namespace Recommender.Experiments.Tests.Statistics;

public sealed class WelchTTestTests
{
    // Worked example. Control A = {1, 2, 3, 4, 5}: n = 5, mean 3, s² = (4+1+0+1+4)/4 = 2.5.
    // Treatment B = {4, 6, 8, 10}: n = 4, mean 7, s² = (9+1+1+9)/3 = 20/3.
    // s²/n: A 2.5/5 = 1/2, B (20/3)/4 = 5/3; their sum 13/6, so SE = √(13/6) = 1.4719601.
    // t = (7 − 3)/SE = 4√(6/13) = 2.7174649.
    // ν = (13/6)² / ((1/2)²/4 + (5/3)²/3) = (169/36) / (1/16 + 25/27) = (169/36)(432/427) = 2028/427 = 4.7494145.
    // Two-sided p and t(0.975; ν) by numerical integration of the Student t density (Simpson, 200 000 panels):
    // p = 0.0442248, t* = 2.6119161, so the 95 % CI is 4 ± 2.6119161 × 1.4719601 = [0.155364, 7.844636].
    private static readonly SampleMoments ControlA = Moments([1, 2, 3, 4, 5]);
    private static readonly SampleMoments TreatmentB = Moments([4, 6, 8, 10]);

    [Fact]
    public void Worked_example_statistic_degrees_of_freedom_and_p()
    {
        var result = WelchTTest.Compare(TreatmentB, ControlA, 0.95);

        Assert.Null(result.Reason);
        Assert.Equal(4.0, result.Difference!.Value, 12);
        Assert.Equal(1.4719601, result.StandardError!.Value, 7);
        Assert.Equal(2.7174649, result.TStatistic!.Value, 7);
        Assert.Equal(2028.0 / 427, result.DegreesOfFreedom!.Value, 10);
        Assert.Equal(0.0442248, result.PValue!.Value, 6);
        Assert.Equal(0.155364, result.Interval!.Lower, 5);
        Assert.Equal(7.844636, result.Interval.Upper, 5);
    }

    [Fact]
    public void Swapping_the_groups_flips_the_sign_and_keeps_the_p_value()
    {
        var result = WelchTTest.Compare(ControlA, TreatmentB, 0.95);
        Assert.Equal(-2.7174649, result.TStatistic!.Value, 7);
        Assert.Equal(0.0442248, result.PValue!.Value, 6);
    }

    // Rates are means of per-user 0/1 values. Control 100 of 1000 converted, treatment 130 of 1000.
    // s² = (Σx² − (Σx)²/n)/(n − 1): control (100 − 10)/999 = 0.0900901, treatment (130 − 16.9)/999 = 0.1132132.
    // SE = √((0.0900901 + 0.1132132)/1000) = 0.0142584; t = 0.03/SE = 2.1040160;
    // ν = (SE²)² / (((0.0900901/1000)² + (0.1132132/1000)²)/999) = 1972.48;
    // p = 0.0355033 (numerical integration; the normal approximation gives 0.03538), CI [0.0020368, 0.0579632].
    [Fact]
    public void Rates_worked_example()
    {
        var control = Moments(UserValues.Rate("control", 1000, 100));
        var treatment = Moments(UserValues.Rate("treatment", 1000, 130));

        var result = WelchTTest.Compare(treatment, control, 0.95);

        Assert.Equal(0.03, result.Difference!.Value, 12);
        Assert.Equal(0.0142584, result.StandardError!.Value, 7);
        Assert.Equal(2.1040160, result.TStatistic!.Value, 6);
        Assert.Equal(1972.48, result.DegreesOfFreedom!.Value, 2);
        Assert.Equal(0.0355033, result.PValue!.Value, 6);
        Assert.Equal(0.0020368, result.Interval!.Lower, 6);
        Assert.Equal(0.0579632, result.Interval.Upper, 6);
    }

    [Fact]
    public void One_constant_group_leaves_the_other_group_s_variance_and_its_degrees_of_freedom()
    {
        // Control all 0 (s² = 0): SE² = 2.5/5, ν = n_A − 1 = 4, t = 3/√0.5 = 4.2426407.
        var zeros = Moments([0, 0, 0]);
        var result = WelchTTest.Compare(ControlA, zeros, 0.95);
        Assert.Equal(4.0, result.DegreesOfFreedom!.Value, 10);
        Assert.Equal(4.2426407, result.TStatistic!.Value, 7);
    }

    [Fact]
    public void Both_groups_constant_gives_the_difference_but_no_test()
    {
        var result = WelchTTest.Compare(Moments([2, 2, 2]), Moments([1, 1, 1, 1]), 0.95);
        Assert.Equal(1.0, result.Difference);
        Assert.Null(result.PValue);
        Assert.Null(result.TStatistic);
        Assert.Null(result.Interval);
        Assert.Contains("zero variance", result.Reason);
    }

    [Fact]
    public void Near_constant_values_are_treated_as_constant_rather_than_as_rounding_noise()
    {
        // 0.1 is not representable: Σx² − (Σx)²/n is a few ulps, not 0, without the rounding-noise rule.
        var point1 = Enumerable.Repeat(0.1, 1000).ToArray();
        var moments = Moments(point1);
        Assert.Equal(0.0, moments.Variance);
        Assert.Null(WelchTTest.Compare(moments, Moments(Enumerable.Repeat(0.3, 1000).ToArray()), 0.95).PValue);
    }

    [Fact]
    public void A_single_user_gives_the_difference_but_no_variance()
    {
        var result = WelchTTest.Compare(Moments([5]), ControlA, 0.95);
        Assert.Equal(2.0, result.Difference);
        Assert.Null(result.PValue);
        Assert.Contains("at least 2 users", result.Reason);
    }

    [Fact]
    public void No_users_gives_nothing()
    {
        var result = WelchTTest.Compare(Moments([]), ControlA, 0.95);
        Assert.Null(result.Difference);
        Assert.Equal("the variant has no users", result.Reason);
        Assert.Equal("the control has no users", WelchTTest.Compare(ControlA, Moments([]), 0.95).Reason);
    }

    internal static SampleMoments Moments(double[] values) => Moments(UserValues.Sums("v", values));

    internal static SampleMoments Moments(Analysis.VariantMetricSums sums) => SampleMoments.FromSums(sums.Users, sums.Sum, sums.SumOfSquares);
}
