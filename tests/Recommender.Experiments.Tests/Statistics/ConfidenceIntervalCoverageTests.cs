using MathNet.Numerics.Distributions;
using Recommender.Experiments.Statistics;

namespace Recommender.Experiments.Tests.Statistics;

/// <summary>
/// Sanity of the 95 % intervals: over 2000 samples from a known population, about 95 % of the intervals contain
/// the true value. The binomial standard error of the coverage is √(0.95 × 0.05/2000) = 0.0049, so [0.93, 0.97]
/// is ±4 of those.
/// </summary>
public sealed class ConfidenceIntervalCoverageTests
{
    private const int Samples = 2000;

    [Fact]
    public void The_t_interval_of_a_mean_covers_95_percent()
    {
        var random = new Random(11);
        int covered = 0;
        for (int s = 0; s < Samples; s++)
        {
            var values = Enumerable.Range(0, 12).Select(_ => Normal.Sample(random, 5, 3)).ToArray();
            var estimate = MeanEstimate.Of(WelchTTestTests.Moments(values), 0.95);
            if (estimate.Interval!.Contains(5)) covered++;
        }
        Assert.InRange(covered / (double)Samples, 0.93, 0.97);
    }

    [Fact]
    public void The_Welch_interval_covers_95_percent_with_unequal_variances_and_sizes()
    {
        // n = 15 with σ = 1 against n = 40 with σ = 4: the pooled-variance interval would undercover here.
        var random = new Random(12);
        int covered = 0;
        for (int s = 0; s < Samples; s++)
        {
            var treatment = Enumerable.Range(0, 15).Select(_ => Normal.Sample(random, 1.5, 1)).ToArray();
            var control = Enumerable.Range(0, 40).Select(_ => Normal.Sample(random, 1, 4)).ToArray();
            var result = WelchTTest.Compare(WelchTTestTests.Moments(treatment), WelchTTestTests.Moments(control), 0.95);
            if (result.Interval!.Contains(0.5)) covered++;
        }
        Assert.InRange(covered / (double)Samples, 0.93, 0.97);
    }

    [Fact]
    public void The_delta_method_interval_of_a_relative_lift_covers_95_percent_for_rates()
    {
        // Rates 0.12 against 0.10 over 3000 users each: true relative lift 0.2.
        var random = new Random(13);
        int covered = 0;
        for (int s = 0; s < Samples; s++)
        {
            var treatment = UserValues.Rate("t", 3000, Binomial.Sample(random, 0.12, 3000));
            var control = UserValues.Rate("c", 3000, Binomial.Sample(random, 0.10, 3000));
            var result = RelativeLift.Estimate(WelchTTestTests.Moments(treatment), WelchTTestTests.Moments(control), 0.95);
            if (result.Interval!.Contains(0.2)) covered++;
        }
        Assert.InRange(covered / (double)Samples, 0.93, 0.97);
    }
}
