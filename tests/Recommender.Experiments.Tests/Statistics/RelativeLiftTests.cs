using Recommender.Experiments.Statistics;
using static Recommender.Experiments.Tests.Statistics.WelchTTestTests;

namespace Recommender.Experiments.Tests.Statistics;

public sealed class RelativeLiftTests
{
    // Control A = {1..5}: mean 3, Var(mean) = s²/n = 2.5/5 = 1/2. Treatment B = {4, 6, 8, 10}: mean 7, Var(mean) = 5/3.
    // r = 7/3 − 1 = 4/3. Delta method: Var(r) = Var(x̄₁)/x̄₀² + x̄₁² Var(x̄₀)/x̄₀⁴ = (5/3)/9 + 49 (1/2)/81 = 79/162,
    // SE = 0.6983225; 95 % CI = 4/3 ± 1.9599640 × SE = [−0.0353536, 2.7020203].
    [Fact]
    public void Worked_example()
    {
        var result = RelativeLift.Estimate(Moments([4, 6, 8, 10]), Moments([1, 2, 3, 4, 5]), 0.95);

        Assert.Null(result.Reason);
        Assert.Equal(4.0 / 3, result.Lift!.Value, 12);
        Assert.Equal(0.6983225, result.StandardError!.Value, 7);
        Assert.Equal(-0.0353536, result.Interval!.Lower, 6);
        Assert.Equal(2.7020203, result.Interval.Upper, 6);
    }

    // Rates 130/1000 against 100/1000: r = 0.3; Var(r) = 0.1132132e-3/0.01 + 1.3² × 0.0900901e-3/0.01, SE = 0.1629311,
    // CI = 0.3 ± 1.959964 × SE = [−0.0193391, 0.6193391].
    [Fact]
    public void Rates_worked_example()
    {
        var result = RelativeLift.Estimate(Moments(UserValues.Rate("t", 1000, 130)), Moments(UserValues.Rate("c", 1000, 100)), 0.95);
        Assert.Equal(0.3, result.Lift!.Value, 12);
        Assert.Equal(0.1629311, result.StandardError!.Value, 7);
        Assert.Equal(-0.0193391, result.Interval!.Lower, 6);
        Assert.Equal(0.6193391, result.Interval.Upper, 6);
    }

    [Fact]
    public void A_zero_control_mean_has_no_relative_lift()
    {
        var result = RelativeLift.Estimate(Moments([1, 2]), Moments([0, 0, 0]), 0.95);
        Assert.Null(result.Lift);
        Assert.Null(result.Interval);
        Assert.Contains("control mean is 0", result.Reason);
    }

    [Fact]
    public void A_single_user_has_a_lift_but_no_interval()
    {
        var result = RelativeLift.Estimate(Moments([6]), Moments([1, 2, 3, 4, 5]), 0.95);
        Assert.Equal(1.0, result.Lift!.Value, 12);
        Assert.Null(result.Interval);
        Assert.NotNull(result.Reason);
    }
}
