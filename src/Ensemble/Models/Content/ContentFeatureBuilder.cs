using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// The sparse item × feature matrix the content model factorises: for every item the catalog describes, its
/// word and character TF-IDF n-grams (title and tags), IDF-weighted one-hot categories and one-hot metadata,
/// each block normalised and weighted per <see cref="ContentOptions"/>. Items without a catalog entry get an empty row.
/// </summary>
internal static class ContentFeatureBuilder
{
    /// <param name="items">Catalog entry of each item index, or null where the catalog does not know the item.</param>
    public static CsrMatrix Build(IReadOnlyList<CatalogItem?> items, ContentOptions options, CancellationToken cancellationToken)
    {
        var covered = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not null)
                covered.Add(i);
        }
        var described = covered.Select(i => items[i]!).ToArray();

        var (words, chars) = TextNgramFeaturizer.Featurize(described.Select(ItemText.Of).ToArray(), options, cancellationToken);
        var categories = options.CategoryWeight > 0
            ? OneHotFeatures.Build(described.Select(ItemMetadataTokens.CategoriesOf).ToArray(), inverseDocumentFrequency: true)
            : null;
        var metadata = options.MetadataWeight > 0
            ? OneHotFeatures.Build(described.Select(ItemMetadataTokens.Of).ToArray(), inverseDocumentFrequency: false)
            : null;

        return FeatureBlocks.Concatenate(
            [(words, options.WordWeight), (chars, options.CharWeight), (categories, options.CategoryWeight), (metadata, options.MetadataWeight)],
            covered, items.Count);
    }
}
