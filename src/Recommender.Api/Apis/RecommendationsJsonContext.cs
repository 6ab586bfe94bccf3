using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommender.Api.Apis;

/// <summary>
/// Compile-time JSON metadata for the hot endpoint's request and response: serialisation takes the generated fast
/// path instead of reflection-built converters. Same web defaults as the rest of the API (camelCase, null verbose
/// fields left out).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecommendationRequest))]
[JsonSerializable(typeof(RecommendationResponse))]
internal sealed partial class RecommendationsJsonContext : JsonSerializerContext;
