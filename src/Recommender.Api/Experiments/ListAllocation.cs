namespace Recommender.Api.Experiments;

/// <summary>
/// allocation.user or allocation.group of the feature-management schema: the listed users (or members of the listed
/// groups) get <see cref="Variant"/>, whatever their percentile.
/// </summary>
public sealed record ListAllocation(string Variant, IReadOnlyList<string> Members);
