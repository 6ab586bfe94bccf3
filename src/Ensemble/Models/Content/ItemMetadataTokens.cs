using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// Structured metadata as discrete tokens for one-hot features: age rating, a price bucket on a log₂ scale
/// (so €9 and €11 share a bucket while €10 and €1,000 do not), and the release year and decade from CreatedAt.
/// </summary>
internal static class ItemMetadataTokens
{
    public static List<string> Of(CatalogItem item)
    {
        var tokens = new List<string>(4);
        if (!string.IsNullOrWhiteSpace(item.AgeRating))
            tokens.Add("age:" + item.AgeRating.Trim().ToLowerInvariant());
        if (item.Price is { } price && price >= 0)
            tokens.Add("price:" + (int)Math.Floor(Math.Log2(1 + (double)price)));
        if (item.CreatedAt is { } created)
        {
            var year = created.UtcDateTime.Year;
            tokens.Add("year:" + year);
            tokens.Add("decade:" + (year - year % 10));
        }
        return tokens;
    }

    /// <summary>Categories as tokens, case and surrounding space ignored.</summary>
    public static List<string> CategoriesOf(CatalogItem item) =>
        item.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => "category:" + c.Trim().ToLowerInvariant()).ToList();
}
