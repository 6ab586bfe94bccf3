namespace Recommender.Api.Experiments;

/// <summary>
/// A variant's slice of the population in the feature-management schema: users whose hashed (user id, seed)
/// percentile lies in [<see cref="From"/>, <see cref="To"/>) get <see cref="Variant"/>.
/// </summary>
public sealed record PercentileAllocation(string Variant, double From, double To)
{
    /// <summary>The share of users this slice receives, 0–1.</summary>
    public double Share => (To - From) / 100.0;
}
