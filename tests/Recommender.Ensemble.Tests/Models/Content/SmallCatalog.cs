using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tests.Models.Content;

/// <summary>
/// A hand-made catalog: two science-fiction titles sharing words ("galaxy", "wars", "starship", "space"), two
/// cooking titles sharing "recipes", one romance, and "ghost", an item users interacted with that the catalog
/// does not describe.
/// </summary>
internal static class SmallCatalog
{
    public const long Day = 86_400;

    public static Catalog Catalog { get; } = new(
    [
        Item("sf1", "Star Voyager: Galaxy Wars", ["Sci-Fi", "Action"], ["space", "starship", "alien invasion"], 1999),
        Item("sf2", "Galaxy Wars II: Return of the Starship", ["Sci-Fi"], ["space", "starship", "galaxy"], 2001),
        Item("ck1", "Grandma's Italian Kitchen", ["Cooking"], ["pasta", "recipes", "italian food"], 2010),
        Item("ck2", "Baking Bread at Home", ["Cooking"], ["bread", "recipes", "home baking"], 2012),
        Item("rm1", "Love in Paris", ["Romance"], ["paris", "love story"], 2005),
    ]);

    /// <summary>(user, item, value, day) events; every item, ghost included, appears at least once.</summary>
    public static (string User, string Item, float Value, int Day)[] Events { get; } =
    [
        ("u1", "sf1", 5, 0), ("u1", "ck1", 3, 1),
        ("u2", "sf2", 4, 2), ("u2", "rm1", 2, 3),
        ("u3", "ck2", 5, 4), ("u3", "ghost", 1, 5),
        ("u4", "ghost", 4, 6),
        ("u5", "rm1", 5, 7), ("u5", "ck1", 1, 8), ("u5", "sf1", 2, 9), ("u5", "rm1", 1, 10),
    ];

    public static TrainingData Data(IEnumerable<(string User, string Item, float Value, int Day)>? events = null, Catalog? catalog = null)
    {
        var list = (events ?? Events).ToArray();
        var users = new IdMap();
        var items = new IdMap();
        foreach (var id in new[] { "sf1", "sf2", "ck1", "ck2", "rm1", "ghost" })
            items.GetOrAdd(id);
        var log = new InteractionLog(users, items,
            list.Select(e => users.GetOrAdd(e.User)).ToArray(),
            list.Select(e => items.GetOrAdd(e.Item)).ToArray(),
            list.Select(e => e.Value).ToArray(),
            list.Select(e => e.Day * Day).ToArray());
        return new TrainingData(log, catalog ?? Catalog);
    }

    public static ContentRecommender Fitted(ContentOptions? options = null, TrainingData? data = null)
    {
        var model = new ContentRecommender(options);
        model.Fit(data ?? Data(), TestContext.Current.CancellationToken);
        return model;
    }

    public static int Index(this ContentRecommender model, string id) =>
        model.Interactions.Items.TryGetIndex(id, out var index) ? index : throw new ArgumentException($"No item '{id}'.");

    public static string Id(this ContentRecommender model, int index) => model.Interactions.Items[index];

    private static CatalogItem Item(string id, string title, string[] categories, string[] tags, int year) =>
        new(id, title, categories, tags, Price: 10m, InStock: true, AgeRating: "PG", Regions: ["US"],
            new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero));
}
