namespace Recommender.Api.Serving;

/// <summary>The variant a user gets on a placement, why, and under which configuration version.</summary>
public sealed record ExperimentAssignment(string Experiment, string Variant, string Reason, string ConfigVersion, VariantPolicy Policy);
