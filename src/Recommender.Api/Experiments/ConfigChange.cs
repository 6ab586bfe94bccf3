namespace Recommender.Api.Experiments;

/// <summary>A configuration that took effect, the one it replaced, and who made the edit.</summary>
public sealed record ConfigChange(ExperimentsConfig Before, ExperimentsConfig After, string ChangedBy);
