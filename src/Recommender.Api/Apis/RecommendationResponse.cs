namespace Recommender.Api.Apis;

/// <summary>
/// A recommendation list attributed to its experiment variant. The verbose fields (<see cref="Debug"/>, per-item
/// <see cref="RecommendationItem.Sources"/> and <see cref="RecommendationItem.Rules"/>) are null unless
/// X-Response-Detail: verbose was asked for, and then left out of the JSON.
/// </summary>
public sealed record RecommendationResponse(
    string RequestId,
    string UserId,
    string Experiment,
    string Variant,
    string Strategy,
    IReadOnlyDictionary<string, string> ModelVersions,
    IReadOnlyList<RecommendationItem> Items,
    RecommendationDebug? Debug = null);

/// <summary>One recommended item; rank starts at 1.</summary>
public sealed record RecommendationItem(
    string ItemId,
    float Score,
    int Rank,
    IReadOnlyDictionary<string, SourceDetail>? Sources = null,
    IReadOnlyList<string>? Rules = null);

/// <summary>What one model said of an item before combination.</summary>
public sealed record SourceDetail(float Score, int Rank);

/// <summary>Verbose details: how the answer came about.</summary>
public sealed record RecommendationDebug(
    string AssignmentReason,
    string ConfigVersion,
    string RulesWorkflow,
    string RulesVersion,
    IReadOnlyDictionary<string, string> UserState,
    IReadOnlyList<string> UnknownItemIds,
    bool FellBack,
    StageTimings Timings);

/// <summary>Milliseconds per stage of the request path.</summary>
public sealed record StageTimings(double Assign, IReadOnlyDictionary<string, double> Candidates, double Combine, double Rules, double Total);
