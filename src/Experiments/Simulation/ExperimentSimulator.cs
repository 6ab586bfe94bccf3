using MathNet.Numerics.Distributions;

namespace Recommender.Experiments.Simulation;

/// <summary>
/// Simulates an experiment without the service: users with gamma-distributed click propensities are assigned by
/// hash, see their variant's slate for a number of sessions (and the pre-experiment slate before that), and click
/// each item independently with the <see cref="IClickModel"/>'s probability. The outcome is aggregated like the
/// store aggregates real outcomes, so the analysis of it is the analysis of real data. Deterministic per seed.
/// </summary>
public sealed class ExperimentSimulator
{
    private readonly SimulationOptions _options;
    private readonly IClickModel _clickModel;
    private readonly ISlateSource _slates;

    public ExperimentSimulator(SimulationOptions options, IClickModel clickModel, ISlateSource slates)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clickModel);
        ArgumentNullException.ThrowIfNull(slates);
        _options = options;
        _clickModel = clickModel;
        _slates = slates;
    }

    /// <summary>Runs one experiment; the same <paramref name="seed"/> gives the same data.</summary>
    public SimulatedExperimentData Run(int seed, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var allocation = new HashedPercentileAllocation($"{_options.AllocationSeed}-{seed}", _options.Allocation);
        var accumulator = new ExperimentDataAccumulator(_options.Metric);
        double propensityRate = _options.PropensityShape / _options.MeanPropensity;
        for (int i = 0; i < _options.Users; i++)
        {
            if ((i & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            var user = new SimulatedUser($"user-{i}", Gamma.Sample(random, _options.PropensityShape, propensityRate));
            string variant = allocation.Assign(user.Id);
            long priorClicks = Clicks(user, _options.PreExperimentVariant, _options.PreExperimentSessionsPerUser, random);
            long clicks = Clicks(user, variant, _options.SessionsPerUser, random);
            accumulator.AddUser(variant, _options.SessionsPerUser, clicks, 0, priorClicks, 0);
        }
        return new SimulatedExperimentData(accumulator.MetricSums(), accumulator.ExposureCounts());
    }

    private long Clicks(SimulatedUser user, string variant, int sessions, Random random)
    {
        if (sessions == 0) return 0;
        var relevances = _slates.Relevances(user, variant);
        // The click model is a function of (user, rank, relevance): ask it once per rank, not once per impression.
        Span<double> probabilities = relevances.Count <= 256 ? stackalloc double[relevances.Count] : new double[relevances.Count];
        for (int rank = 1; rank <= relevances.Count; rank++)
            probabilities[rank - 1] = _clickModel.ClickProbability(user, rank, relevances[rank - 1]);

        long clicks = 0;
        for (int session = 0; session < sessions; session++)
            foreach (double probability in probabilities)
                if (random.NextDouble() < probability)
                    clicks++;
        return clicks;
    }
}
