using MathNet.Numerics.Distributions;
using Recommender.Experiments.Analysis;
using Recommender.Experiments.Statistics;

namespace Recommender.Experiments.Tests.Statistics;

public sealed class CupedAdjustmentTests
{
    // Worked example (x: metric, y: the same metric before exposure).
    // control   y = {1, 2, 3, 4}, x = {2, 1, 4, 3}: ȳ = 2.5, x̄ = 2.5, Cyy = 5, Cxx = 5, Cxy = 4 × 0.75 = 3.
    // treatment y = {2, 3, 4, 5}, x = {4, 5, 6, 5}: ȳ = 3.5, x̄ = 5,   Cyy = 5, Cxx = 2, Cxy = 1.5 + 0.5 = 2.
    // θ = (3 + 2)/(5 + 5) = 0.5; ȳ over all 8 users = 24/8 = 3; ρ = 5/√(7 × 10) = 0.5976143, ρ² = 25/70.
    // Adjusted means: control 2.5 − 0.5(2.5 − 3) = 2.75, treatment 5 − 0.5(3.5 − 3) = 4.75 (lift 2 instead of 2.5:
    // the treatment's users happened to be more active before the experiment).
    // Adjusted variances (Cxx − 2θCxy + θ²Cyy)/(n − 1): control (5 − 3 + 1.25)/3 = 13/12, treatment (2 − 2 + 1.25)/3 = 5/12.
    // Welch on those: SE² = 13/48 + 5/48 = 3/8, t = 2/√(3/8) = 3.2659863, ν = (3/8)² / (((13/48)² + (5/48)²)/3) = 972/194,
    // p = 0.0222305 and CI [0.426820, 3.573180] (numerical integration of the t density).
    private static readonly VariantMetricSums Control = UserValues.Sums("control", [2, 1, 4, 3], [1, 2, 3, 4]);
    private static readonly VariantMetricSums Treatment = UserValues.Sums("treatment", [4, 5, 6, 5], [2, 3, 4, 5]);

    [Fact]
    public void Worked_example_theta_and_adjusted_moments()
    {
        var cuped = CupedAdjustment.Estimate([Control, Treatment], out string? reason)!;

        Assert.Null(reason);
        Assert.Equal(0.5, cuped.Theta, 12);
        Assert.Equal(3.0, cuped.CovariateMean, 12);
        Assert.Equal(0.5976143, cuped.Correlation!.Value, 7);
        Assert.Equal(25.0 / 70, cuped.VarianceReduction!.Value, 12);

        var control = cuped.Adjust(Control);
        var treatment = cuped.Adjust(Treatment);
        Assert.Equal(2.75, control.Mean, 12);
        Assert.Equal(13.0 / 12, control.Variance, 12);
        Assert.Equal(4.75, treatment.Mean, 12);
        Assert.Equal(5.0 / 12, treatment.Variance, 12);

        var lift = WelchTTest.Compare(treatment, control, 0.95);
        Assert.Equal(2.0, lift.Difference!.Value, 12);
        Assert.Equal(3.2659863, lift.TStatistic!.Value, 7);
        Assert.Equal(972.0 / 194, lift.DegreesOfFreedom!.Value, 10);
        Assert.Equal(0.0222305, lift.PValue!.Value, 6);
        Assert.Equal(0.426820, lift.Interval!.Lower, 5);
        Assert.Equal(3.573180, lift.Interval.Upper, 5);
    }

    [Fact]
    public void Without_pre_experiment_outcomes_there_is_no_adjustment()
    {
        var noCovariate = CupedAdjustment.Estimate([UserValues.Sums("a", [1, 2, 3]), UserValues.Sums("b", [2, 3, 4])], out string? reason);
        Assert.Null(noCovariate);
        Assert.Contains("before their first exposure", reason);

        var constant = CupedAdjustment.Estimate([UserValues.Sums("a", [1, 2, 3], [1, 1, 1]), UserValues.Sums("b", [2, 3, 4], [2, 2, 2])], out reason);
        Assert.Null(constant);
        Assert.Contains("same for every user", reason);
    }

    // y ~ N(10, 2²) before the experiment, x = 0.8 y + N(0, 1) + 0.3 in the treatment. Within a variant
    // cov(x, y) = 0.8 × 4 = 3.2, var(x) = 2.56 + 1 = 3.56, so ρ² = 2.56/3.56 = 0.7191 and CUPED should cut the
    // variance of the lift by that share (its standard error by a factor √(1 − ρ²) = 0.530) without moving it off 0.3.
    [Fact]
    public void Cuped_reduces_variance_on_correlated_data_and_leaves_the_lift_unbiased()
    {
        const int Replicates = 300, UsersPerVariant = 2000;
        const double TrueLift = 0.3;
        var random = new Random(20240607);
        var raw = new List<double>(Replicates);
        var adjusted = new List<double>(Replicates);
        var reductions = new List<double>(Replicates);
        var standardErrorRatios = new List<double>(Replicates);
        for (int r = 0; r < Replicates; r++)
        {
            var control = Simulate("control", UsersPerVariant, 0, random);
            var treatment = Simulate("treatment", UsersPerVariant, TrueLift, random);
            var cuped = CupedAdjustment.Estimate([control, treatment], out _)!;
            var rawLift = WelchTTest.Compare(Moments(treatment), Moments(control), 0.95);
            var cupedLift = WelchTTest.Compare(cuped.Adjust(treatment), cuped.Adjust(control), 0.95);
            raw.Add(rawLift.Difference!.Value);
            adjusted.Add(cupedLift.Difference!.Value);
            reductions.Add(cuped.VarianceReduction!.Value);
            standardErrorRatios.Add(cupedLift.StandardError!.Value / rawLift.StandardError!.Value);
        }

        // Sampling SE of the raw lift: √(2 × 3.56/2000) = 0.0597; of CUPED's: 0.0597 × 0.530 = 0.0316.
        // Their averages over 300 replicates are within 4 × SE/√300 of the truth: 0.0138 and 0.0073.
        Assert.InRange(raw.Average(), TrueLift - 0.0138, TrueLift + 0.0138);
        Assert.InRange(adjusted.Average(), TrueLift - 0.0073, TrueLift + 0.0073);
        Assert.InRange(reductions.Average(), 0.70, 0.74);
        Assert.InRange(standardErrorRatios.Average(), 0.51, 0.55);
        // The spread across replicates agrees: CUPED lifts vary about half as much as raw ones.
        Assert.InRange(StandardDeviation(adjusted) / StandardDeviation(raw), 0.45, 0.62);
    }

    private static VariantMetricSums Simulate(string variant, int users, double lift, Random random)
    {
        var x = new double[users];
        var y = new double[users];
        for (int i = 0; i < users; i++)
        {
            y[i] = Normal.Sample(random, 10, 2);
            x[i] = 0.8 * y[i] + Normal.Sample(random, 0, 1) + lift;
        }
        return UserValues.Sums(variant, x, y);
    }

    private static SampleMoments Moments(VariantMetricSums sums) => SampleMoments.FromSums(sums.Users, sums.Sum, sums.SumOfSquares);

    private static double StandardDeviation(List<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
