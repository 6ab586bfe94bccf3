using System.Text.Json;

namespace Recommender.Api.Apis;

/// <summary>One change of an experiment: who (X-Actor, "anonymous", or "file" for a hand edit), when, and the flag before and after.</summary>
/// <param name="ETag">The experiment's ETag after the change.</param>
public sealed record ExperimentChangeResponse([property: System.Text.Json.Serialization.JsonPropertyName("etag")] string ETag, string ChangedBy, DateTimeOffset ChangedAt, JsonElement? Before, JsonElement? After);
