using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>A validated experiments.json: placements → experiment, and each experiment's variants and policies.</summary>
public sealed record ExperimentsConfig(
    string Version,
    IReadOnlyDictionary<string, string> Placements,
    IReadOnlyDictionary<string, ExperimentDefinition> Experiments);

/// <summary>One feature flag of experiments.json.</summary>
public sealed record ExperimentDefinition(
    string Id,
    bool Enabled,
    IReadOnlyDictionary<string, VariantPolicy> Variants,
    string? DefaultWhenEnabled,
    string? DefaultWhenDisabled);
