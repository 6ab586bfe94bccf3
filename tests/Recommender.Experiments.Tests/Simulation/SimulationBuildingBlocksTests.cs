using Recommender.Experiments.Analysis;
using Recommender.Experiments.Simulation;

namespace Recommender.Experiments.Tests.Simulation;

public sealed class SimulationBuildingBlocksTests
{
    [Fact]
    public void The_position_biased_click_model_multiplies_propensity_relevance_and_examination()
    {
        var model = new PositionBiasedClickModel(maxRank: 10, positionDecay: 1);
        var user = new SimulatedUser("u", 0.4);
        Assert.Equal(0.4 * 0.5 * 1, model.ClickProbability(user, 1, 0.5), 12);
        Assert.Equal(0.4 * 0.5 / 4, model.ClickProbability(user, 4, 0.5), 12);
        Assert.Equal(1.0, model.ClickProbability(new SimulatedUser("keen", 3), 1, 1));   // clamped
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ClickProbability(user, 11, 0.5));
    }

    [Fact]
    public void Hashed_allocation_is_deterministic_and_follows_the_shares()
    {
        var allocation = new HashedPercentileAllocation("seed-1", [new VariantAllocation("a", 45), new VariantAllocation("b", 55)]);
        var again = new HashedPercentileAllocation("seed-1", [new VariantAllocation("a", 45), new VariantAllocation("b", 55)]);
        int inA = 0;
        for (int i = 0; i < 20_000; i++)
        {
            string user = $"user-{i}";
            string variant = allocation.Assign(user);
            Assert.Equal(variant, again.Assign(user));
            if (variant == "a") inA++;
        }
        // Binomial(20 000, 0.45): sd = √(20 000 × 0.45 × 0.55) = 70, so ±4 sd is ±280.
        Assert.InRange(inA, 9000 - 280, 9000 + 280);
        Assert.NotEqual(
            Enumerable.Range(0, 50).Select(i => allocation.Assign($"user-{i}")),
            Enumerable.Range(0, 50).Select(i => new HashedPercentileAllocation("seed-2", [new VariantAllocation("a", 45), new VariantAllocation("b", 55)]).Assign($"user-{i}")));
    }

    [Fact]
    public void The_percentile_is_the_first_four_hash_bytes_over_uint_max()
    {
        // SHA-256("alice\nexp") begins f8 30 5e b2 (independently: printf 'alice\nexp' | sha256sum);
        // little-endian that is 0xb25e30f8 = 2992517368, and 2992517368/4294967295 × 100 = 69.674974509905.
        var allocation = new HashedPercentileAllocation("exp", [new VariantAllocation("a", 70), new VariantAllocation("b", 30)]);
        Assert.Equal(69.674974509905, allocation.Percentile("alice"), 10);
        Assert.Equal("a", allocation.Assign("alice"));   // [0, 70) is a
    }

    [Fact]
    public void The_accumulator_aggregates_like_the_store()
    {
        // Three users in "a": clicks after exposure 0, 2, 3 and before it 1, 0, 2.
        // EventCount: x = {0, 2, 3}, y = {1, 0, 2}: Σx = 5, Σx² = 13, Σy = 3, Σy² = 5, Σxy = 6.
        // Conversion: x = {0, 1, 1}, y = {1, 0, 1}: Σx = 2, Σx² = 2, Σy = 2, Σy² = 2, Σxy = 1.
        var counts = new ExperimentDataAccumulator(MetricAggregation.EventCount);
        var conversions = new ExperimentDataAccumulator(MetricAggregation.Conversion);
        foreach (var accumulator in new[] { counts, conversions })
        {
            accumulator.AddUser("a", 2, 0, 0, 1, 0);
            accumulator.AddUser("a", 3, 2, 0, 0, 0);
            accumulator.AddUser("a", 1, 3, 0, 2, 0);
            accumulator.AddUser("b", 1, 1, 0, 0, 0);
        }

        Assert.Equal(new VariantMetricSums("a", 3, 5, 2, 5, 13, 2, 3, 5, 6), counts.MetricSums()[0]);
        Assert.Equal(new VariantMetricSums("a", 3, 5, 2, 2, 2, 2, 2, 2, 1), conversions.MetricSums()[0]);
        Assert.Equal(["a", "b"], counts.MetricSums().Select(s => s.Variant));
        Assert.Equal(new VariantExposureCounts("a", 3, 6, 0), counts.ExposureCounts()[0]);
    }

    [Fact]
    public void A_simulation_is_deterministic_per_seed()
    {
        var simulator = new ExperimentSimulator(
            new SimulationOptions([new VariantAllocation("control", 1), new VariantAllocation("blend", 1)], "control") { Users = 500 },
            new PositionBiasedClickModel(),
            FixedSlates.Uniform(10, new Dictionary<string, double> { ["control"] = 0.6, ["blend"] = 0.6 }));

        Assert.Equal(simulator.Run(7, TestContext.Current.CancellationToken).MetricSums, simulator.Run(7, TestContext.Current.CancellationToken).MetricSums);
        Assert.NotEqual(simulator.Run(7, TestContext.Current.CancellationToken).MetricSums, simulator.Run(8, TestContext.Current.CancellationToken).MetricSums);
        Assert.Equal(500, simulator.Run(7, TestContext.Current.CancellationToken).MetricSums.Sum(s => s.Users));
        Assert.Equal(500 * 3, simulator.Run(7, TestContext.Current.CancellationToken).ExposureCounts.Sum(s => s.Exposures));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        VariantAllocation[] allocation = [new("control", 1)];
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions(allocation, "control") { Users = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions(allocation, "control") { MeanPropensity = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationOptions(allocation, "control") { Metric = MetricAggregation.ValueSum });
        Assert.Throws<ArgumentException>(() => new SimulationOptions([new("a", 1), new("a", 2)], "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VariantAllocation("a", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedSlates.Uniform(3, new Dictionary<string, double> { ["a"] = 1.5 }));
    }
}
