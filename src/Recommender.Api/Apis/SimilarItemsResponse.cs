namespace Recommender.Api.Apis;

/// <summary>Answer of GET /v1/items/{itemId}/similar.</summary>
public sealed record SimilarItemsResponse(string ItemId, string Model, string ModelVersion, IReadOnlyList<RecommendedItem> Items);
