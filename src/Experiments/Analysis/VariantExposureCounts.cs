namespace Recommender.Experiments.Analysis;

/// <summary>How much of an experiment's traffic one variant got.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Users">Users assigned to it: a user belongs to the variant of their first exposure (the unit of analysis).</param>
/// <param name="Exposures">Responses served with this variant.</param>
/// <param name="CrossoverUsers">Of <paramref name="Users"/>, those also served another variant later (a config change
/// moved them); analysis keeps them in their first variant, this count says how many there are.</param>
public sealed record VariantExposureCounts(string Variant, long Users, long Exposures, long CrossoverUsers);
