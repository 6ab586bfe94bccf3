using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// The free text of an item that n-grams are drawn from: title and tags, space-separated (a word bigram may
/// therefore span the title's last word and the first tag; such pairs are rare across items and weigh little
/// under IDF). Categories and structured metadata are not mixed in here: they get their own one-hot blocks so
/// their weight is a deliberate choice, not an accident of how many words a title has.
/// </summary>
internal static class ItemText
{
    public static string Of(CatalogItem item) =>
        item.Tags.Count == 0 ? item.Title : item.Title + " " + string.Join(" ", item.Tags);
}
