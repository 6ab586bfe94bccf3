namespace Recommender.Experiments.Outcomes;

/// <summary>The outcome types the service accepts (DESIGN.md, POST /v1/outcomes).</summary>
public static class OutcomeTypes
{
    public const string Click = "click";
    public const string AddToCart = "add_to_cart";
    public const string Purchase = "purchase";
    public const string Rating = "rating";
    public const string Dismiss = "dismiss";

    /// <summary>Every type, in the order the API documents them.</summary>
    public static IReadOnlyList<string> All { get; } = [Click, AddToCart, Purchase, Rating, Dismiss];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
