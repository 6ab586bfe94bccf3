namespace Recommender.Experiments.Simulation;

/// <summary>A variant and its share of traffic (any non-negative weight; shares are normalised over the allocation).</summary>
public sealed record VariantAllocation
{
    public VariantAllocation(string variant, double share)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variant);
        if (!double.IsFinite(share) || share < 0)
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share must be finite and non-negative.");
        Variant = variant;
        Share = share;
    }

    public string Variant { get; }

    public double Share { get; }
}
