using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Simulation;

/// <summary>How a simulated experiment is run. Validated as set.</summary>
public sealed record SimulationOptions
{
    /// <param name="allocation">The traffic split users are actually assigned by (inject a broken split here to test the SRM check).</param>
    /// <param name="preExperimentVariant">The slate users saw before the experiment (usually the control's): their clicks on it are the CUPED covariate.</param>
    public SimulationOptions(IReadOnlyList<VariantAllocation> allocation, string preExperimentVariant)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentException.ThrowIfNullOrWhiteSpace(preExperimentVariant);
        if (allocation.Count == 0) throw new ArgumentException("The allocation needs at least one variant.", nameof(allocation));
        if (allocation.Select(a => a.Variant).Distinct(StringComparer.Ordinal).Count() != allocation.Count)
            throw new ArgumentException("A variant appears twice in the allocation.", nameof(allocation));
        if (allocation.Sum(a => a.Share) <= 0) throw new ArgumentException("The shares must not all be 0.", nameof(allocation));
        Allocation = allocation;
        PreExperimentVariant = preExperimentVariant;
    }

    public IReadOnlyList<VariantAllocation> Allocation { get; }

    public string PreExperimentVariant { get; }

    /// <summary>Users in the experiment.</summary>
    public int Users { get; init => field = Positive(value); } = 10_000;

    /// <summary>Responses each user is served during the experiment.</summary>
    public int SessionsPerUser { get; init => field = Positive(value); } = 3;

    /// <summary>Responses each user was served before it (0: no covariate).</summary>
    public int PreExperimentSessionsPerUser { get; init => field = NotNegative(value); } = 3;

    /// <summary>The users' mean click propensity.</summary>
    public double MeanPropensity { get; init => field = PositiveFinite(value); } = 0.1;

    /// <summary>
    /// Shape of the gamma distribution propensities are drawn from: small is heterogeneous users (shape 2 gives a
    /// coefficient of variation of 1/√2), large is alike users.
    /// </summary>
    public double PropensityShape { get; init => field = PositiveFinite(value); } = 2;

    /// <summary>The per-user metric: clicks per user (<see cref="MetricAggregation.EventCount"/>) or share of users who clicked (<see cref="MetricAggregation.Conversion"/>).</summary>
    public MetricAggregation Metric
    {
        get;
        init => field = value is MetricAggregation.EventCount or MetricAggregation.Conversion
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Clicks carry no value: simulate EventCount or Conversion.");
    } = MetricAggregation.EventCount;

    /// <summary>Hashed with each user id (and the run's seed) to assign variants.</summary>
    public string AllocationSeed { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); } = "simulation";

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }

    private static int NotNegative(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }

    private static double PositiveFinite(double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be positive and finite.");
}
