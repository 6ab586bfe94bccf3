namespace Recommender.Experiments.Statistics;

/// <summary>
/// Pearson's chi-square goodness-of-fit test of users per variant against the configured allocation:
/// χ² = Σ (observed − expected)² / expected with expected = total × share, on k − 1 degrees of freedom. A
/// mismatch means assignment or logging is broken (a variant that crashes, drops or double-counts users), and
/// then no lift can be trusted, however significant; hence the strict threshold (p &lt; 0.001 by default), which
/// large experiments still pass when the split is right.
/// Only variants with a positive configured share take part: users found in a variant with no share (a variant
/// removed or renamed mid-experiment) cannot be tested against one and are reported in a note instead.
/// </summary>
public static class SampleRatioMismatchTest
{
    // Below this expected count the chi-square approximation of the statistic's distribution is rough.
    private const double SmallExpectedCount = 5;

    /// <summary>Tests <paramref name="observedUsers"/> (users per variant) against <paramref name="configuredShares"/> (weights, normalised to sum to 1).</summary>
    public static SampleRatioMismatchResult Run(
        IReadOnlyDictionary<string, long> observedUsers,
        IReadOnlyDictionary<string, double> configuredShares,
        double threshold)
    {
        ArgumentNullException.ThrowIfNull(observedUsers);
        ArgumentNullException.ThrowIfNull(configuredShares);
        if (!(threshold > 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must lie strictly between 0 and 1.");

        var shares = AllocationShares.Normalise(configuredShares);
        var notes = new List<string>();
        var tested = shares.Where(s => s.Value > 0).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var untested = observedUsers.Where(o => o.Value > 0 && !(shares.TryGetValue(o.Key, out double share) && share > 0))
            .OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        if (untested.Count > 0)
            notes.Add("users in variants without a configured share are left out of the test: " +
                string.Join(", ", untested.Select(u => $"{u.Key} ({u.Value})")));

        long total = tested.Sum(s => observedUsers.GetValueOrDefault(s.Key));
        var cells = tested.Select(s => new SampleRatioCell(s.Key, s.Value, observedUsers.GetValueOrDefault(s.Key), total * s.Value)).ToList();
        if (tested.Count < 2)
            return Unavailable(threshold, cells, notes, "fewer than 2 variants with a configured share: nothing to compare");
        if (total == 0)
            return Unavailable(threshold, cells, notes, "no users in the configured variants");

        double chiSquare = cells.Sum(c => (c.Observed - c.Expected) * (c.Observed - c.Expected) / c.Expected);
        if (cells.Any(c => c.Expected < SmallExpectedCount))
            notes.Add($"an expected count is below {SmallExpectedCount}: the chi-square approximation is rough");
        int degreesOfFreedom = cells.Count - 1;
        double p = SamplingDistributions.ChiSquareUpperTail(chiSquare, degreesOfFreedom);
        return new SampleRatioMismatchResult(chiSquare, degreesOfFreedom, p, threshold, p < threshold, cells, notes);
    }

    private static SampleRatioMismatchResult Unavailable(double threshold, IReadOnlyList<SampleRatioCell> cells, List<string> notes, string reason)
    {
        notes.Insert(0, reason);
        return new SampleRatioMismatchResult(null, null, null, threshold, null, cells, notes);
    }
}
