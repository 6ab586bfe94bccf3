namespace Recommender.Api.Apis;

/// <summary>One item of a ranked answer; rank starts at 1.</summary>
public sealed record RecommendedItem(string ItemId, float Score, int Rank);
