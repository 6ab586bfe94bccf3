using System.Text.Json;
using Recommender.Experiments.Analysis;
using Recommender.Experiments.Statistics;

namespace Recommender.Experiments.Tests.Statistics;

public sealed class ExperimentAnalyzerTests
{
    private static readonly Dictionary<string, double> FiftyFifty = new() { ["control"] = 0.5, ["blend"] = 0.5 };
    private readonly ExperimentAnalyzer _analyzer = new();

    [Fact]
    public void Worked_example_end_to_end()
    {
        // The Welch worked example (WelchTTestTests): control {1..5}, blend {4, 6, 8, 10}.
        var analysis = _analyzer.Analyze(
            "control", FiftyFifty,
            [UserValues.Sums("blend", [4, 6, 8, 10]), UserValues.Sums("control", [1, 2, 3, 4, 5])],
            [new VariantExposureCounts("blend", 4, 9, 0), new VariantExposureCounts("control", 5, 12, 0)]);

        Assert.Equal(["control", "blend"], analysis.Variants.Select(v => v.Variant));
        var control = analysis["control"];
        Assert.True(control.IsControl);
        Assert.Null(control.Lift);
        Assert.Equal(5, control.Users);
        Assert.Equal(12, control.Exposures);
        Assert.Equal(5.0 / 9, control.ObservedShare!.Value, 12);
        // 3 ± t(0.975; 4) × √(2.5/5) = 3 ± 2.7764451 × 0.7071068 = [1.036757, 4.963243].
        Assert.Equal(3.0, control.Metric.Mean);
        Assert.Equal(1.036757, control.Metric.Interval!.Lower, 6);
        Assert.Equal(4.963243, control.Metric.Interval.Upper, 6);

        var lift = analysis["blend"].Lift!;
        Assert.Equal(4.0, lift.Absolute!.Value, 12);
        Assert.Equal(0.0442248, lift.PValue!.Value, 6);
        Assert.True(lift.Significant);
        Assert.Equal(4.0 / 3, lift.Relative!.Value, 12);
        Assert.Equal(-0.0353536, lift.RelativeInterval!.Lower, 6);
        Assert.Empty(lift.Notes);

        // 5 against 4 users at 50/50: expected 4.5 each, χ² = 2 × 0.5²/4.5 = 1/9, p = erfc(√(1/18)) = 0.7388827.
        Assert.Equal(1.0 / 9, analysis.SampleRatioMismatch.ChiSquare!.Value, 12);
        Assert.Equal(0.7388827, analysis.SampleRatioMismatch.PValue!.Value, 7);
        Assert.False(analysis.SampleRatioMismatch.Mismatch);

        Assert.False(analysis.Cuped.Applied);
        Assert.NotNull(analysis.Cuped.Reason);
        Assert.Null(analysis["blend"].CupedLift);
    }

    [Fact]
    public void Raw_and_cuped_are_reported_side_by_side()
    {
        // The CUPED worked example (CupedAdjustmentTests): raw lift 5 − 2.5 = 2.5, CUPED lift 2 with p = 0.0222305.
        var analysis = _analyzer.Analyze(
            "control", FiftyFifty,
            [UserValues.Sums("control", [2, 1, 4, 3], [1, 2, 3, 4]), UserValues.Sums("blend", [4, 5, 6, 5], [2, 3, 4, 5])]);

        Assert.True(analysis.Cuped.Applied);
        Assert.Equal(0.5, analysis.Cuped.Theta!.Value, 12);
        Assert.Equal(8, analysis.Cuped.UsersWithPriorEvents);
        var blend = analysis["blend"];
        Assert.Equal(2.5, blend.Lift!.Absolute!.Value, 12);
        Assert.Equal(2.0, blend.CupedLift!.Absolute!.Value, 12);
        Assert.Equal(0.0222305, blend.CupedLift.PValue!.Value, 6);
        Assert.Equal(4.75, blend.CupedMetric!.Mean!.Value, 12);
        Assert.Equal(2.75, analysis["control"].CupedMetric!.Mean!.Value, 12);
        // Exposure counts were not supplied: unknown, not 0.
        Assert.Null(blend.Exposures);
    }

    [Fact]
    public void A_flagged_sample_ratio_mismatch_is_also_a_note()
    {
        var analysis = _analyzer.Analyze("control", FiftyFifty,
            [UserValues.Rate("control", 4500, 450), UserValues.Rate("blend", 5500, 560)]);
        Assert.True(analysis.SampleRatioMismatch.Mismatch);
        Assert.Contains(analysis.Notes, n => n.Contains("sample ratio mismatch"));
    }

    [Fact]
    public void Degenerate_experiments_give_nulls_with_reasons_and_serialise_without_NaN()
    {
        var cases = new (string Name, IReadOnlyDictionary<string, double> Shares, VariantMetricSums[] Sums)[]
        {
            ("nothing yet", FiftyFifty, []),
            ("no blend users", FiftyFifty, [UserValues.Rate("control", 10, 3)]),
            ("no control users", FiftyFifty, [UserValues.Rate("blend", 10, 3)]),
            ("one user each", FiftyFifty, [UserValues.Sums("control", [1]), UserValues.Sums("blend", [2])]),
            ("no events anywhere", FiftyFifty, [UserValues.Rate("control", 100, 0), UserValues.Rate("blend", 100, 0)]),
            ("control never converts", FiftyFifty, [UserValues.Rate("control", 100, 0), UserValues.Rate("blend", 100, 5)]),
            ("everyone converts", FiftyFifty, [UserValues.Rate("control", 100, 100), UserValues.Rate("blend", 100, 100)]),
            ("single variant", new Dictionary<string, double> { ["control"] = 1 }, [UserValues.Rate("control", 100, 5)]),
            ("no allocation", new Dictionary<string, double>(), [UserValues.Rate("control", 100, 5), UserValues.Rate("blend", 90, 5)]),
        };
        foreach (var (name, shares, sums) in cases)
        {
            var analysis = _analyzer.Analyze("control", shares, sums);
            string json = JsonSerializer.Serialize(analysis, JsonSerializerOptions.Web);   // throws on NaN or ∞
            Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
            foreach (var variant in analysis.Variants)
            {
                if (variant.Metric.Interval is null) Assert.NotNull(variant.Metric.Reason);
                if (variant.Lift is { } lift)
                {
                    if (lift.PValue is null || lift.Relative is null || lift.RelativeInterval is null)
                        Assert.NotEmpty(lift.Notes);
                }
            }
            if (analysis.SampleRatioMismatch.Mismatch is null) Assert.NotEmpty(analysis.SampleRatioMismatch.Notes);
            Assert.True(analysis.Cuped.Applied || analysis.Cuped.Reason is not null, name);
        }
    }

    [Fact]
    public void Specific_degenerate_reasons()
    {
        var noBlend = _analyzer.Analyze("control", FiftyFifty, [UserValues.Rate("control", 10, 3)]);
        Assert.Equal(0, noBlend["blend"].Users);
        Assert.Null(noBlend["blend"].Metric.Mean);
        Assert.Equal("no users", noBlend["blend"].Metric.Reason);
        Assert.Null(noBlend["blend"].Lift!.Absolute);
        Assert.True(noBlend.SampleRatioMismatch.Mismatch == false, "10 against 0 expected 5/5: χ² = 10, p = 0.0016 is not below 0.001");

        var constant = _analyzer.Analyze("control", FiftyFifty, [UserValues.Rate("control", 100, 0), UserValues.Rate("blend", 100, 0)]);
        Assert.Equal(0.0, constant["blend"].Lift!.Absolute);
        Assert.Null(constant["blend"].Lift!.PValue);
        Assert.Contains(constant["blend"].Lift!.Notes, n => n.Contains("zero variance"));
        Assert.Contains(constant["blend"].Lift!.Notes, n => n.Contains("control mean is 0"));

        var single = _analyzer.Analyze("control", new Dictionary<string, double> { ["control"] = 1 }, [UserValues.Rate("control", 100, 5)]);
        Assert.Single(single.Variants);
        Assert.Contains(single.Notes, n => n.Contains("only one variant"));
        Assert.Null(single.SampleRatioMismatch.Mismatch);
    }

    [Fact]
    public void Exposure_counts_and_crossovers_are_carried_over()
    {
        var analysis = _analyzer.Analyze("control", FiftyFifty,
            [UserValues.Rate("control", 100, 5), UserValues.Rate("blend", 100, 7)],
            [new VariantExposureCounts("control", 100, 340, 3), new VariantExposureCounts("blend", 100, 310, 0)]);
        Assert.Equal(340, analysis["control"].Exposures);
        Assert.Equal(3, analysis["control"].CrossoverUsers);
        Assert.Contains(analysis.Notes, n => n.Contains("3 users were served more than one variant"));
    }

    [Fact]
    public void Invalid_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _analyzer.Analyze("control", FiftyFifty,
            [UserValues.Rate("control", 10, 1), UserValues.Rate("control", 10, 2)]));
        Assert.Throws<ArgumentException>(() => _analyzer.Analyze("control", FiftyFifty,
            [new VariantMetricSums("control", 10, 1, 1, double.NaN, 1, 0, 0, 0, 0)]));
        Assert.Throws<ArgumentException>(() => _analyzer.Analyze(" ", FiftyFifty, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExperimentAnalyzerOptions { ConfidenceLevel = 1 });
    }
}
