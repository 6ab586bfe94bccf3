using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>A validated experiments.json: placements → experiment, and each experiment's variants and policies.</summary>
public sealed record ExperimentsConfig(
    string Version,
    IReadOnlyDictionary<string, string> Placements,
    IReadOnlyDictionary<string, ExperimentDefinition> Experiments);

/// <summary>One feature flag of experiments.json.</summary>
/// <param name="Seed">allocation.seed: what the percentile hash is salted with (null: the flag id's default).</param>
/// <param name="Percentiles">allocation.percentile, ordered by From; empty when traffic is not split.</param>
public sealed record ExperimentDefinition(
    string Id,
    bool Enabled,
    IReadOnlyDictionary<string, VariantPolicy> Variants,
    string? DefaultWhenEnabled,
    string? DefaultWhenDisabled,
    string? Seed,
    IReadOnlyList<PercentileAllocation> Percentiles);
