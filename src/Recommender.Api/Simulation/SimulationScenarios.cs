using Recommender.Experiments.Simulation;
using Recommender.Experiments.Statistics;

namespace Recommender.Api.Simulation;

/// <summary>
/// The three experiments the simulate verb runs on the in-process recommender, each <c>runs</c> times with a fresh
/// seed (new propensities, new hashed assignment, new clicks): A/A (both variants the strong policy), A/B (control
/// strong, treatment weakened) and an A/A whose users are really split 45/55 while the analysis is told 50/50. Each
/// simulated experiment goes through <see cref="ExperimentAnalyzer"/> as stored data would.
/// </summary>
public sealed class SimulationScenarios(ISlateSource slates, IClickModel clickModel, SimulationSettings settings)
{
    public const string Control = "control";
    public const string Treatment = "treatment";
    public const string WeakenedTreatment = "weakened";

    private readonly ExperimentAnalyzer _analyzer = new();

    /// <param name="progress">Receives (scenario, fraction done).</param>
    public (double Raw, double Cuped, int SrmFlags) AaTest(IProgress<(string, double)>? progress, CancellationToken cancellationToken)
    {
        int raw = 0, cuped = 0, srm = 0;
        var simulator = Simulator(Treatment, 50, 50);
        for (var run = 0; run < settings.Runs; run++)
        {
            var analysis = Analyze(simulator.Run(settings.Seed + run, cancellationToken), Treatment);
            var variant = analysis[Treatment];
            if (variant.Lift?.PValue < 0.05) raw++;
            if (variant.CupedLift?.PValue < 0.05) cuped++;
            if (analysis.SampleRatioMismatch.Mismatch == true) srm++;
            progress?.Report(("A/A", (run + 1.0) / settings.Runs));
        }
        return (Share(raw), Share(cuped), srm);
    }

    public (double Raw, double Cuped, double MeanRelativeLift) AbTest(IProgress<(string, double)>? progress, CancellationToken cancellationToken)
    {
        int raw = 0, cuped = 0;
        double liftSum = 0;
        var liftRuns = 0;
        var simulator = Simulator(WeakenedTreatment, 50, 50);
        for (var run = 0; run < settings.Runs; run++)
        {
            var variant = Analyze(simulator.Run(settings.Seed + 100_000 + run, cancellationToken), WeakenedTreatment)[WeakenedTreatment];
            if (variant.Lift is { PValue: < 0.05, Absolute: < 0 }) raw++;
            if (variant.CupedLift is { PValue: < 0.05, Absolute: < 0 }) cuped++;
            if (variant.Lift?.Relative is { } relative)
            {
                liftSum += relative;
                liftRuns++;
            }
            progress?.Report(("A/B", (run + 1.0) / settings.Runs));
        }
        return (Share(raw), Share(cuped), liftRuns == 0 ? double.NaN : liftSum / liftRuns);
    }

    public (double FlagShare, double MedianPValue) InjectedSampleRatioMismatch(IProgress<(string, double)>? progress, CancellationToken cancellationToken)
    {
        var pValues = new List<double>(settings.Runs);
        var flagged = 0;
        var simulator = Simulator(Treatment, 45, 55);
        for (var run = 0; run < settings.Runs; run++)
        {
            var srm = Analyze(simulator.Run(settings.Seed + 200_000 + run, cancellationToken), Treatment).SampleRatioMismatch;
            if (srm.Mismatch == true) flagged++;
            pValues.Add(srm.PValue ?? 1);
            progress?.Report(("SRM", (run + 1.0) / settings.Runs));
        }
        pValues.Sort();
        return (Share(flagged), pValues[pValues.Count / 2]);
    }

    private ExperimentSimulator Simulator(string treatment, double controlShare, double treatmentShare) =>
        new(new SimulationOptions([new VariantAllocation(Control, controlShare), new VariantAllocation(treatment, treatmentShare)], Control)
        {
            Users = settings.Users,
            SessionsPerUser = settings.Sessions,
            PreExperimentSessionsPerUser = settings.Sessions,
            MeanPropensity = settings.MeanPropensity,
            AllocationSeed = $"simulate-{settings.Seed}",
        }, clickModel, slates);

    // The analysis is always told the configured 50/50 split, whatever the users really got.
    private ExperimentAnalysis Analyze(SimulatedExperimentData data, string treatment) =>
        _analyzer.Analyze(Control, new Dictionary<string, double>(StringComparer.Ordinal) { [Control] = 0.5, [treatment] = 0.5 },
            data.MetricSums, data.ExposureCounts);

    private double Share(int count) => (double)count / settings.Runs;
}
