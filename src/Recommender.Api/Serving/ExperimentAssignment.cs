namespace Recommender.Api.Serving;

/// <summary>The variant a user gets on a placement, why, and under which configuration version.</summary>
/// <param name="Reason">Why, as feature management decided: percentile, user, group, default_when_enabled or default_when_disabled.</param>
/// <param name="Percentile">
/// The user's position, 0–100, in the experiment's percentile allocation (the same SHA-256 hash of user id and seed
/// feature management buckets by); null when the experiment does not split by percentile.
/// </param>
public sealed record ExperimentAssignment(string Experiment, string Variant, string Reason, string ConfigVersion, VariantPolicy Policy, double? Percentile = null);
