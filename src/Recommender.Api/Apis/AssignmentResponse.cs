using System.Text.Json;

namespace Recommender.Api.Apis;

/// <summary>Which variant of an experiment a user gets, and why.</summary>
/// <param name="Reason">percentile, user, group, default_when_enabled or default_when_disabled (Microsoft.FeatureManagement's reason).</param>
/// <param name="Percentile">The user's bucket, 0–100, in the experiment's percentile allocation; absent when it has none.</param>
/// <param name="Policy">The variant's configuration_value: models, strategy and parameters, rules.</param>
public sealed record AssignmentResponse(
    string Experiment,
    string UserId,
    IReadOnlyList<string> Groups,
    string Variant,
    string Reason,
    double? Percentile,
    string ConfigVersion,
    JsonElement Policy);
