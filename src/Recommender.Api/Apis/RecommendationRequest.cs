using System.Text.Json;

namespace Recommender.Api.Apis;

/// <summary>Body of POST /v1/recommendations.</summary>
/// <param name="UserId">Required. A user the models have not seen is served from RecentItemIds or the fallback.</param>
/// <param name="K">Items to return, 1–1000 (default 10).</param>
/// <param name="Placement">Where the list is shown; maps to an experiment (default "default").</param>
/// <param name="Context">Free-form request context the business rules can read (strings, numbers, booleans).</param>
/// <param name="RecentItemIds">Items the user just interacted with: folded in for users the models do not know.</param>
/// <param name="ExcludeItemIds">Items never to return.</param>
public sealed record RecommendationRequest(
    string? UserId,
    int? K = null,
    string? Placement = null,
    Dictionary<string, JsonElement>? Context = null,
    List<string>? RecentItemIds = null,
    List<string>? ExcludeItemIds = null);
