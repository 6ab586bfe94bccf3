namespace Recommender.Rules;

/// <summary>
/// The catalog attributes of a candidate item, as rule expressions see them through the parameter <c>item</c>.
/// Immutable and independent of any request, so a caller can build one per catalog item and reuse it.
/// Unknown text is the empty string and unknown lists are empty, so expressions need no null checks.
/// </summary>
public sealed class RuleItem
{
    private static readonly string[] NoValues = [];

    public RuleItem(
        string id,
        string? title = null,
        IReadOnlyList<string>? categories = null,
        IReadOnlyList<string>? tags = null,
        double? price = null,
        bool inStock = true,
        string? ageRating = null,
        IReadOnlyList<string>? regions = null,
        DateTimeOffset? createdAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Title = title ?? "";
        Categories = categories ?? NoValues;
        Tags = tags ?? NoValues;
        Price = price;
        InStock = inStock;
        AgeRating = ageRating ?? "";
        Regions = regions ?? NoValues;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    public string Title { get; }

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>Null when the catalog has no price; comparisons with null are false.</summary>
    public double? Price { get; }

    public bool InStock { get; }

    /// <summary>For example "G", "PG-13", "R"; empty when unknown.</summary>
    public string AgeRating { get; }

    /// <summary>Where the item may be shown; empty means everywhere.</summary>
    public IReadOnlyList<string> Regions { get; }

    public DateTimeOffset? CreatedAt { get; }

    /// <summary>True when one of the item's categories equals <paramref name="category"/>, ignoring case.</summary>
    public bool HasCategory(string category) => ContainsIgnoringCase(Categories, category);

    /// <summary>True when one of the item's tags equals <paramref name="tag"/>, ignoring case.</summary>
    public bool HasTag(string tag) => ContainsIgnoringCase(Tags, tag);

    /// <summary>True when the item has at least one of <paramref name="categories"/> (e.g. <c>user.Segments</c>).</summary>
    public bool HasAnyCategory(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        for (var i = 0; i < categories.Count; i++)
        {
            if (ContainsIgnoringCase(Categories, categories[i]))
                return true;
        }
        return false;
    }

    /// <summary>True when the item may be shown in <paramref name="region"/>: it lists the region or lists none.</summary>
    public bool IsAvailableIn(string region) => Regions.Count == 0 || ContainsIgnoringCase(Regions, region);

    /// <summary>Days from <see cref="CreatedAt"/> to <paramref name="now"/>; NaN when the creation date is unknown,
    /// so that "older than" comparisons are false for it.</summary>
    public double AgeInDays(DateTimeOffset now) => CreatedAt is { } created ? (now - created).TotalDays : double.NaN;

    public override string ToString() => Id;

    private static bool ContainsIgnoringCase(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
