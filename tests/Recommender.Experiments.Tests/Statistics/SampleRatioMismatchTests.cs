using Recommender.Experiments.Statistics;

namespace Recommender.Experiments.Tests.Statistics;

public sealed class SampleRatioMismatchTests
{
    private static readonly Dictionary<string, double> FiftyFifty = new() { ["control"] = 0.5, ["blend"] = 0.5 };

    [Fact]
    public void A_4500_5500_split_against_50_50_is_flagged()
    {
        // Expected 5000 each: χ² = 500²/5000 + 500²/5000 = 100, one degree of freedom,
        // p = P(χ²₁ ≥ 100) = erfc(√50) = 1.5239706e-23.
        var result = SampleRatioMismatchTest.Run(Users(4500, 5500), FiftyFifty, 0.001);

        Assert.Equal(100.0, result.ChiSquare!.Value, 9);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(1.5239706e-23, result.PValue!.Value, 1e-29);
        Assert.True(result.Mismatch);
        Assert.Equal(5000.0, result.Cells.Single(c => c.Variant == "control").Expected);
    }

    [Fact]
    public void A_5010_4990_split_against_50_50_is_not_flagged()
    {
        // χ² = 10²/5000 × 2 = 0.04, p = erfc(√0.02) = 0.8414806.
        var result = SampleRatioMismatchTest.Run(Users(5010, 4990), FiftyFifty, 0.001);

        Assert.Equal(0.04, result.ChiSquare!.Value, 12);
        Assert.Equal(0.8414806, result.PValue!.Value, 7);
        Assert.False(result.Mismatch);
    }

    [Fact]
    public void Three_variants_with_unequal_shares_given_as_percentages()
    {
        // 50/25/25 of 1000 users, observed 480/270/250: χ² = 20²/500 + 20²/250 + 0 = 2.4 on 2 degrees of freedom,
        // p = e^(−1.2) = 0.3011942.
        var observed = new Dictionary<string, long> { ["a"] = 480, ["b"] = 270, ["c"] = 250 };
        var shares = new Dictionary<string, double> { ["a"] = 50, ["b"] = 25, ["c"] = 25 };

        var result = SampleRatioMismatchTest.Run(observed, shares, 0.001);

        Assert.Equal(2.4, result.ChiSquare!.Value, 12);
        Assert.Equal(2, result.DegreesOfFreedom);
        Assert.Equal(0.3011942, result.PValue!.Value, 7);
        Assert.Equal(0.25, result.Cells.Single(c => c.Variant == "b").ConfiguredShare, 12);
    }

    [Fact]
    public void Users_in_a_variant_without_a_share_are_left_out_and_named()
    {
        var observed = new Dictionary<string, long> { ["control"] = 5010, ["blend"] = 4990, ["retired"] = 7 };
        var result = SampleRatioMismatchTest.Run(observed, FiftyFifty, 0.001);
        Assert.Equal(0.04, result.ChiSquare!.Value, 12);
        Assert.Contains(result.Notes, n => n.Contains("retired (7)"));
    }

    [Fact]
    public void A_variant_with_a_share_and_no_users_is_a_mismatch()
    {
        // Expected 50 each, observed 100/0: χ² = 50²/50 × 2 = 100.
        var result = SampleRatioMismatchTest.Run(new Dictionary<string, long> { ["control"] = 100 }, FiftyFifty, 0.001);
        Assert.Equal(100.0, result.ChiSquare!.Value, 9);
        Assert.True(result.Mismatch);
    }

    [Fact]
    public void Untestable_cases_say_why()
    {
        var single = SampleRatioMismatchTest.Run(
            new Dictionary<string, long> { ["control"] = 10 }, new Dictionary<string, double> { ["control"] = 1 }, 0.001);
        Assert.Null(single.Mismatch);
        Assert.Null(single.PValue);
        Assert.Contains("fewer than 2 variants", single.Notes[0]);

        var empty = SampleRatioMismatchTest.Run(new Dictionary<string, long>(), FiftyFifty, 0.001);
        Assert.Null(empty.Mismatch);
        Assert.Contains("no users", empty.Notes[0]);

        var small = SampleRatioMismatchTest.Run(Users(3, 1), FiftyFifty, 0.001);
        Assert.Contains(small.Notes, n => n.Contains("rough"));
    }

    [Fact]
    public void Invalid_shares_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatchTest.Run(
            Users(1, 1), new Dictionary<string, double> { ["control"] = -1, ["blend"] = 2 }, 0.001));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatchTest.Run(
            Users(1, 1), new Dictionary<string, double> { ["control"] = 0, ["blend"] = 0 }, 0.001));
    }

    private static Dictionary<string, long> Users(long control, long blend) => new() { ["control"] = control, ["blend"] = blend };
}
