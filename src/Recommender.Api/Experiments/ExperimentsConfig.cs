using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>A validated experiments.json: placements → experiment, and each experiment's variants and policies.</summary>
/// <param name="Version">A hash of the file's text: the configuration's ETag.</param>
/// <param name="Source">The file's text, from which an admin edit is composed.</param>
public sealed record ExperimentsConfig(
    string Version,
    IReadOnlyDictionary<string, string> Placements,
    IReadOnlyDictionary<string, ExperimentDefinition> Experiments,
    string Source = "");

/// <summary>One feature flag of experiments.json.</summary>
/// <param name="Seed">allocation.seed: what the percentile hash is salted with (null: the flag id's default).</param>
/// <param name="Percentiles">allocation.percentile, ordered by From; empty when traffic is not split.</param>
/// <param name="Users">allocation.user: listed users get the variant whatever their percentile.</param>
/// <param name="Groups">allocation.group: users in a listed group get the variant (after the user lists).</param>
/// <param name="JsonPath">Where the flag is in the file, e.g. $.feature_management.feature_flags[0].</param>
/// <param name="VariantNames">The variants in file order (their JSON paths are <c>{JsonPath}.variants[i]</c>).</param>
/// <param name="Json">The flag as compact JSON: what the admin API shows, what its ETag hashes.</param>
public sealed record ExperimentDefinition(
    string Id,
    bool Enabled,
    IReadOnlyDictionary<string, VariantPolicy> Variants,
    string? DefaultWhenEnabled,
    string? DefaultWhenDisabled,
    string? Seed,
    IReadOnlyList<PercentileAllocation> Percentiles,
    IReadOnlyList<ListAllocation>? Users = null,
    IReadOnlyList<ListAllocation>? Groups = null,
    string JsonPath = "$",
    IReadOnlyList<string>? VariantNames = null,
    string Json = "{}")
{
    /// <summary>The experiment's version: a strong ETag over its compact JSON, so editing one flag leaves the others' ETags alone.</summary>
    public string ETag { get; } = ExperimentETag.Of(Json);

    /// <summary>The JSON path of variant <paramref name="name"/> in the file.</summary>
    public string VariantPath(string name)
    {
        var index = VariantNames?.ToList().IndexOf(name) ?? -1;
        return index < 0 ? $"{JsonPath}.variants" : $"{JsonPath}.variants[{index}]";
    }
}
