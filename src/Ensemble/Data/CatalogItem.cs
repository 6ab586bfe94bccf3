namespace Recommender.Ensemble.Data;

/// <summary>One item of the catalog, with the metadata business rules and the content model read.</summary>
public sealed record CatalogItem(
    string Id,
    string Title,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Tags,
    decimal? Price,
    bool InStock,
    string? AgeRating,
    IReadOnlyList<string> Regions,
    DateTimeOffset? CreatedAt);
