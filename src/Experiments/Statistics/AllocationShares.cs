namespace Recommender.Experiments.Statistics;

/// <summary>Configured traffic shares, accepted as any non-negative weights (fractions or percentages) and normalised to sum to 1.</summary>
public static class AllocationShares
{
    /// <summary>The shares divided by their total.</summary>
    public static IReadOnlyDictionary<string, double> Normalise(IReadOnlyDictionary<string, double> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        double total = 0;
        foreach (var (variant, share) in shares)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(variant, nameof(shares));
            if (!double.IsFinite(share) || share < 0)
                throw new ArgumentOutOfRangeException(nameof(shares), share, $"The share of '{variant}' must be finite and non-negative.");
            total += share;
        }
        if (shares.Count > 0 && total <= 0)
            throw new ArgumentOutOfRangeException(nameof(shares), total, "The shares must not all be 0.");
        return shares.ToDictionary(s => s.Key, s => s.Value / total, StringComparer.Ordinal);
    }
}
