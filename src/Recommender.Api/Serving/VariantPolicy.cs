using System.Text.Json;

namespace Recommender.Api.Serving;

/// <summary>
/// What a variant serves: which models (optionally pinned versions), how they are combined, which rules workflow
/// filters the result, and how many candidates each model proposes. The whole configuration_value is kept as
/// <see cref="Parameters"/> so a strategy reads its own parameters from it.
/// </summary>
public sealed record VariantPolicy(
    IReadOnlyList<string> Models,
    IReadOnlyDictionary<string, string> ModelVersions,
    string Strategy,
    string Rules,
    int PoolSize,
    JsonElement Parameters)
{
    public const int DefaultPoolSize = 200;
}
