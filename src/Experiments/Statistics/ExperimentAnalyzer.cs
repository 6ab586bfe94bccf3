using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Statistics;

/// <summary>
/// Turns the per-variant sums the store aggregates in SQL into the results data scientists read: per variant the
/// metric per user with its interval, the lift against the control (Welch's t-test on per-user values, relative
/// lift by the delta method), the same with CUPED when pre-experiment outcomes exist, and the sample-ratio-mismatch
/// check of users per variant against the configured split. Degenerate data (no users, one user, no variance,
/// a single variant, a zero control mean) gives nulls with reasons, never NaN.
/// </summary>
public sealed class ExperimentAnalyzer
{
    private readonly ExperimentAnalyzerOptions _options;

    public ExperimentAnalyzer(ExperimentAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public ExperimentAnalyzer() : this(new ExperimentAnalyzerOptions())
    {
    }

    /// <summary>Analyses one experiment on one metric.</summary>
    /// <param name="controlVariant">The variant the others are compared with.</param>
    /// <param name="allocationShares">Configured traffic per variant, as weights (0.5/0.5 or 50/50).</param>
    /// <param name="metricSums">Per variant sufficient statistics (<see cref="Storage.IExperimentResultsStore.GetVariantMetricSumsAsync"/>).</param>
    /// <param name="exposureCounts">Per variant exposures and crossovers (<see cref="Storage.IExperimentResultsStore.GetVariantExposureCountsAsync"/>), when at hand.</param>
    public ExperimentAnalysis Analyze(
        string controlVariant,
        IReadOnlyDictionary<string, double> allocationShares,
        IReadOnlyList<VariantMetricSums> metricSums,
        IReadOnlyList<VariantExposureCounts>? exposureCounts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(controlVariant);
        var shares = AllocationShares.Normalise(allocationShares);
        var sumsByVariant = IndexSums(metricSums);
        var countsByVariant = IndexCounts(exposureCounts);
        double level = _options.ConfidenceLevel;
        var notes = new List<string>();

        var variants = shares.Keys.Concat(sumsByVariant.Keys).Concat(countsByVariant.Keys)
            .Where(v => v != controlVariant)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Prepend(controlVariant)
            .Select(v => sumsByVariant.GetValueOrDefault(v) ?? NoUsers(v))
            .ToList();
        if (variants.Count == 1)
            notes.Add("only one variant: there is nothing to compare");

        var cuped = CupedAdjustment.Estimate(variants, out string? cupedUnavailable);
        long usersWithPriorEvents = variants.Sum(v => v.UsersWithPriorEvents);
        long totalUsers = variants.Sum(v => v.Users);
        var control = variants[0];
        var controlMoments = Moments(control);
        var controlAdjusted = cuped?.Adjust(control);

        var results = new List<VariantResult>(variants.Count);
        foreach (var sums in variants)
        {
            bool isControl = ReferenceEquals(sums, control);
            var counts = countsByVariant.GetValueOrDefault(sums.Variant);
            var moments = Moments(sums);
            var adjusted = cuped?.Adjust(sums);
            results.Add(new VariantResult(
                sums.Variant,
                isControl,
                sums.Users,
                counts?.Exposures ?? (exposureCounts is null ? null : 0),
                counts?.CrossoverUsers ?? (exposureCounts is null ? null : 0),
                sums.Events,
                sums.UsersWithEvents,
                shares.TryGetValue(sums.Variant, out double share) ? share : null,
                totalUsers > 0 ? (double)sums.Users / totalUsers : null,
                MeanEstimate.Of(moments, level),
                isControl ? null : LiftEstimate.Between(moments, controlMoments, level),
                adjusted is { } a ? MeanEstimate.Of(a, level) : null,
                isControl || adjusted is null ? null : LiftEstimate.Between(adjusted.Value, controlAdjusted!.Value, level)));

            if (counts is not null && counts.Users != sums.Users)
                notes.Add($"'{sums.Variant}': {counts.Users} users by exposure counts but {sums.Users} by metric sums (the data changed between the two queries?)");
        }

        long crossover = countsByVariant.Values.Sum(c => c.CrossoverUsers);
        if (crossover > 0)
            notes.Add($"{crossover} users were served more than one variant (a configuration change?); each is analysed in the variant of their first exposure");

        var srm = SampleRatioMismatchTest.Run(
            variants.ToDictionary(v => v.Variant, v => v.Users, StringComparer.Ordinal),
            shares,
            _options.SampleRatioMismatchThreshold);
        if (srm.Mismatch == true)
            notes.Add($"sample ratio mismatch (p = {srm.PValue:G3}): users did not split as configured; assignment or logging is broken and the lifts cannot be trusted");

        return new ExperimentAnalysis(
            controlVariant, level, results, srm,
            CupedSummary.From(cuped, usersWithPriorEvents, cupedUnavailable),
            notes);
    }

    private static SampleMoments Moments(VariantMetricSums sums) => SampleMoments.FromSums(sums.Users, sums.Sum, sums.SumOfSquares);

    private static VariantMetricSums NoUsers(string variant) => new(variant, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static Dictionary<string, VariantMetricSums> IndexSums(IReadOnlyList<VariantMetricSums> metricSums)
    {
        ArgumentNullException.ThrowIfNull(metricSums);
        var index = new Dictionary<string, VariantMetricSums>(StringComparer.Ordinal);
        foreach (var sums in metricSums)
        {
            ArgumentNullException.ThrowIfNull(sums, nameof(metricSums));
            if (sums.Users < 0 || sums.Events < 0 || sums.UsersWithEvents < 0 || sums.UsersWithPriorEvents < 0)
                throw new ArgumentException($"Variant '{sums.Variant}' has a negative count.", nameof(metricSums));
            if (!double.IsFinite(sums.Sum) || !double.IsFinite(sums.SumOfSquares) || !double.IsFinite(sums.PriorSum) ||
                !double.IsFinite(sums.PriorSumOfSquares) || !double.IsFinite(sums.CrossSum))
                throw new ArgumentException($"Variant '{sums.Variant}' has a sum that is not finite.", nameof(metricSums));
            if (!index.TryAdd(sums.Variant, sums))
                throw new ArgumentException($"Variant '{sums.Variant}' appears twice.", nameof(metricSums));
        }
        return index;
    }

    private static Dictionary<string, VariantExposureCounts> IndexCounts(IReadOnlyList<VariantExposureCounts>? exposureCounts)
    {
        var index = new Dictionary<string, VariantExposureCounts>(StringComparer.Ordinal);
        foreach (var counts in exposureCounts ?? [])
        {
            ArgumentNullException.ThrowIfNull(counts, nameof(exposureCounts));
            if (!index.TryAdd(counts.Variant, counts))
                throw new ArgumentException($"Variant '{counts.Variant}' appears twice.", nameof(exposureCounts));
        }
        return index;
    }
}
