using System.Text.Json;

namespace Recommender.Api.Apis;

/// <summary>One experiment as served: its feature flag, its ETag (send it back as If-Match to change it), and the placements it serves.</summary>
/// <param name="ETag">The experiment's strong ETag, quoted as in the ETag header.</param>
/// <param name="ConfigVersion">The version of experiments.json it belongs to (what exposures record).</param>
public sealed record ExperimentResponse(string Id, [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string ETag, string ConfigVersion, bool Enabled, IReadOnlyList<string> Placements, JsonElement Flag);
