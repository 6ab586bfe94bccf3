using Recommender.Experiments.Simulation;
using Recommender.Experiments.Statistics;

namespace Recommender.Experiments.Tests.Simulation;

/// <summary>
/// The statistics demonstrated on simulated experiments, where the truth is known.
/// Setup shared by all three: 4000 users per experiment (about 2000 per variant), configured 50/50, each served
/// 3 lists of 10 items during the experiment and 3 before it (the CUPED covariate); click propensities are
/// gamma(shape 2, mean 0.1); clicks follow the position-biased model P = propensity × relevance / rank. The
/// control's items have relevance 0.6, so a control user expects 3 × 0.1 × 0.6 × H₁₀ = 0.527 clicks
/// (H₁₀ = Σ 1/r = 2.929). The metric is clicks per user.
/// </summary>
public sealed class SimulatedExperimentStatisticsTests
{
    private const int Runs = 200;
    private const int Users = 4000;
    private const double ControlRelevance = 0.6;
    // 15 % less relevant lists: 0.448 clicks per user instead of 0.527, a lift of −0.079 (−15 %). The per-user
    // variance measured in these runs is about 0.58 (sd 0.76), so the lift's standard error is
    // √(2 × 0.58 / 2000) = 0.024 and the expected power at α = 0.05 is Φ(0.079/0.024 − 1.96) = Φ(1.33) ≈ 0.91.
    private const double WeakenedRelevance = 0.51;

    private static readonly Dictionary<string, double> ConfiguredFiftyFifty = new() { ["control"] = 0.5, ["treatment"] = 0.5 };
    private readonly ExperimentAnalyzer _analyzer = new();

    [Fact]
    public void A_A_experiments_are_significant_at_the_nominal_rate()
    {
        var simulator = Simulator(treatmentRelevance: ControlRelevance, controlShare: 50, treatmentShare: 50);
        int rawSignificant = 0, cupedSignificant = 0, srmFlags = 0;
        for (int run = 0; run < Runs; run++)
        {
            var analysis = Analyze(simulator.Run(seed: 10_000 + run, TestContext.Current.CancellationToken));
            if (analysis["treatment"].Lift!.PValue < 0.05) rawSignificant++;
            if (analysis["treatment"].CupedLift!.PValue < 0.05) cupedSignificant++;
            if (analysis.SampleRatioMismatch.Mismatch == true) srmFlags++;
        }

        Report($"A/A: {rawSignificant}/{Runs} raw and {cupedSignificant}/{Runs} CUPED p < 0.05; {srmFlags} SRM flags");
        // Binomial(200, 0.05) has mean 10 and sd 3.1: [4, 16] is about ±2 sd.
        Assert.InRange(rawSignificant / (double)Runs, 0.02, 0.08);
        Assert.InRange(cupedSignificant / (double)Runs, 0.02, 0.08);
        // With the split as configured, SRM flags at its 0.001 rate: 0.2 expected in 200 runs.
        Assert.InRange(srmFlags, 0, 2);
    }

    [Fact]
    public void A_weakened_variant_is_detected_in_at_least_80_percent_of_runs()
    {
        var simulator = Simulator(treatmentRelevance: WeakenedRelevance, controlShare: 50, treatmentShare: 50);
        int rawDetected = 0, cupedDetected = 0;
        double liftSum = 0;
        for (int run = 0; run < Runs; run++)
        {
            var lift = Analyze(simulator.Run(seed: 20_000 + run, TestContext.Current.CancellationToken))["treatment"];
            // Detected: significant, and in the right direction.
            if (lift.Lift!.PValue < 0.05 && lift.Lift.Absolute < 0) rawDetected++;
            if (lift.CupedLift!.PValue < 0.05 && lift.CupedLift.Absolute < 0) cupedDetected++;
            liftSum += lift.Lift.Relative!.Value;
        }

        Report($"A/B at {Users} users: detected {rawDetected}/{Runs} raw, {cupedDetected}/{Runs} CUPED; mean relative lift {liftSum / Runs:P2}");
        Assert.True(rawDetected >= 0.8 * Runs, $"power {rawDetected}/{Runs}");
        Assert.True(cupedDetected >= 0.8 * Runs, $"CUPED power {cupedDetected}/{Runs}");
        // The relative lift is unbiased: −15 % by construction; its standard error per run is about 0.05, so the
        // mean of 200 runs is within ±0.011 (3 × 0.05/√200).
        Assert.InRange(liftSum / Runs, -0.161, -0.139);
    }

    [Fact]
    public void An_injected_45_55_split_is_flagged_as_sample_ratio_mismatch()
    {
        // Users are really split 45/55 while the analysis is told 50/50: over 4000 users the expected χ² is
        // 2 × 200²/2000 = 40 (+1 for sampling noise), p ≈ 2.5e-10, far below 0.001.
        var simulator = Simulator(treatmentRelevance: ControlRelevance, controlShare: 45, treatmentShare: 55);
        for (int run = 0; run < 20; run++)
        {
            var srm = Analyze(simulator.Run(seed: 30_000 + run, TestContext.Current.CancellationToken)).SampleRatioMismatch;
            Assert.True(srm.Mismatch, $"run {run}: χ² = {srm.ChiSquare}, p = {srm.PValue}");
        }
    }

    private static ExperimentSimulator Simulator(double treatmentRelevance, double controlShare, double treatmentShare) =>
        new(
            new SimulationOptions([new VariantAllocation("control", controlShare), new VariantAllocation("treatment", treatmentShare)], "control")
            {
                Users = Users,
                SessionsPerUser = 3,
                PreExperimentSessionsPerUser = 3,
                MeanPropensity = 0.1,
                PropensityShape = 2,
            },
            new PositionBiasedClickModel(maxRank: 10, positionDecay: 1),
            FixedSlates.Uniform(10, new Dictionary<string, double> { ["control"] = ControlRelevance, ["treatment"] = treatmentRelevance }));

    private ExperimentAnalysis Analyze(SimulatedExperimentData data) =>
        _analyzer.Analyze("control", ConfiguredFiftyFifty, data.MetricSums, data.ExposureCounts);

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
