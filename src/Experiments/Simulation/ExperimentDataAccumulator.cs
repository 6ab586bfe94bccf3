using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Simulation;

/// <summary>
/// Folds per-user outcomes into the per-variant sums and counts the store's analysis queries return, by the same
/// rules (a user's metric is <see cref="MetricAggregation"/> of their events after exposure, their covariate the
/// same over events before it), so that simulated data goes through exactly the analysis real data does.
/// </summary>
public sealed class ExperimentDataAccumulator
{
    private readonly MetricAggregation _aggregation;
    private readonly Dictionary<string, Totals> _variants = new(StringComparer.Ordinal);

    public ExperimentDataAccumulator(MetricAggregation aggregation)
    {
        if (!Enum.IsDefined(aggregation))
            throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation.");
        _aggregation = aggregation;
    }

    /// <summary>Adds one user.</summary>
    /// <param name="variant">The variant of the user's first exposure.</param>
    /// <param name="exposures">Responses the user was served.</param>
    /// <param name="events">Outcome events after the first exposure.</param>
    /// <param name="valueSum">The sum of those events' values.</param>
    /// <param name="priorEvents">Outcome events before the first exposure.</param>
    /// <param name="priorValueSum">The sum of those events' values.</param>
    public void AddUser(string variant, long exposures, long events, double valueSum, long priorEvents, double priorValueSum)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variant);
        ArgumentOutOfRangeException.ThrowIfLessThan(exposures, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        ArgumentOutOfRangeException.ThrowIfNegative(priorEvents);
        if (!_variants.TryGetValue(variant, out var totals))
            _variants.Add(variant, totals = new Totals());

        double x = Measure(events, valueSum);
        double y = Measure(priorEvents, priorValueSum);
        totals.Users++;
        totals.Exposures += exposures;
        totals.Events += events;
        if (events > 0) totals.UsersWithEvents++;
        if (priorEvents > 0) totals.UsersWithPriorEvents++;
        totals.Sum += x;
        totals.SumOfSquares += x * x;
        totals.PriorSum += y;
        totals.PriorSumOfSquares += y * y;
        totals.CrossSum += x * y;
    }

    /// <summary>Per variant, ordered by name, as <see cref="Storage.IExperimentResultsStore.GetVariantMetricSumsAsync"/> returns them.</summary>
    public IReadOnlyList<VariantMetricSums> MetricSums() =>
        _variants.OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => new VariantMetricSums(
                v.Key, v.Value.Users, v.Value.Events, v.Value.UsersWithEvents, v.Value.Sum, v.Value.SumOfSquares,
                v.Value.UsersWithPriorEvents, v.Value.PriorSum, v.Value.PriorSumOfSquares, v.Value.CrossSum))
            .ToList();

    /// <summary>Per variant, ordered by name, as <see cref="Storage.IExperimentResultsStore.GetVariantExposureCountsAsync"/> returns them (no crossovers: a simulated user keeps their variant).</summary>
    public IReadOnlyList<VariantExposureCounts> ExposureCounts() =>
        _variants.OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => new VariantExposureCounts(v.Key, v.Value.Users, v.Value.Exposures, 0))
            .ToList();

    private double Measure(long events, double valueSum) => _aggregation switch
    {
        MetricAggregation.EventCount => events,
        MetricAggregation.ValueSum => valueSum,
        MetricAggregation.Conversion => events > 0 ? 1 : 0,
        _ => throw new InvalidOperationException($"Unknown aggregation {_aggregation}."),
    };

    private sealed class Totals
    {
        public long Users;
        public long Exposures;
        public long Events;
        public long UsersWithEvents;
        public long UsersWithPriorEvents;
        public double Sum;
        public double SumOfSquares;
        public double PriorSum;
        public double PriorSumOfSquares;
        public double CrossSum;
    }
}
