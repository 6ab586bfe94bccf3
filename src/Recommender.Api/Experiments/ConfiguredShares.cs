namespace Recommender.Api.Experiments;

/// <summary>
/// The traffic split an experiment is configured with, which the sample-ratio-mismatch test checks users against:
/// each variant's share is the total width of its allocation.percentile ranges. Without percentile ranges every
/// user gets one variant (default_when_enabled, or default_when_disabled when the flag is off, else the first),
/// which then has share 1 and the test has nothing to compare.
/// </summary>
public static class ConfiguredShares
{
    public static IReadOnlyDictionary<string, double> Of(ExperimentDefinition experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (experiment.Percentiles.Count > 0)
        {
            var shares = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var range in experiment.Percentiles)
                shares[range.Variant] = shares.GetValueOrDefault(range.Variant) + range.Share;
            return shares;
        }
        var served = (experiment.Enabled ? experiment.DefaultWhenEnabled : experiment.DefaultWhenDisabled) ?? experiment.Variants.Keys.First();
        return new Dictionary<string, double>(StringComparer.Ordinal) { [served] = 1 };
    }
}
