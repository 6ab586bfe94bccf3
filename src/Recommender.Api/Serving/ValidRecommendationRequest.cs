using System.Text.Json;

namespace Recommender.Api.Serving;

/// <summary>A recommendation request whose fields have been checked and defaulted.</summary>
public sealed record ValidRecommendationRequest(
    string UserId,
    int K,
    string Placement,
    IReadOnlyDictionary<string, JsonElement>? Context,
    IReadOnlyList<string> RecentItemIds,
    IReadOnlyList<string> ExcludeItemIds);
