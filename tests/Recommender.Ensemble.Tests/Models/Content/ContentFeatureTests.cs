using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Models.Content;

namespace Recommender.Ensemble.Tests.Models.Content;

public class ContentFeatureTests
{
    [Fact]
    public void Word_features_are_tf_idf_so_a_word_every_item_has_weighs_nothing()
    {
        // "apple" is in all three texts: idf = ln(3/3) = 0. Each text keeps one word, which L2 normalisation makes 1.
        // (Plain term frequency would give every entry 1/√2 instead.)
        var options = new ContentOptions(WordNgramLength: 1, CharWeight: 0, RemoveStopWords: false);

        var (words, chars) = TextNgramFeaturizer.Featurize(["apple banana", "Apple cherry", "apple, date"], options, TestContext.Current.CancellationToken);

        Assert.Null(chars);
        Assert.NotNull(words);
        for (var row = 0; row < 3; row++)
            Assert.Equal([1f], words.RowValues(row).ToArray());
        Assert.Equal(3, new[] { 0, 1, 2 }.Select(r => words.RowIndices(r)[0]).Distinct().Count());
    }

    [Fact]
    public void Word_bigrams_are_features_of_their_own()
    {
        var options = new ContentOptions(WordNgramLength: 2, CharWeight: 0, RemoveStopWords: false);

        // Same words, different order: unigrams agree, the bigrams "red fox" and "fox red" do not.
        var (words, _) = TextNgramFeaturizer.Featurize(["red fox", "fox red", "blue whale"], options, TestContext.Current.CancellationToken);

        Assert.Equal(3, words!.RowIndices(0).Length);
        Assert.NotEqual(words.RowIndices(0).ToArray(), words.RowIndices(1).ToArray());
        Assert.Equal(2, words.RowIndices(0).ToArray().Intersect(words.RowIndices(1).ToArray()).Count());
    }

    [Fact]
    public void One_hot_idf_weighs_a_rare_token_above_a_common_one()
    {
        List<string>[] tokens = [["drama", "war"], ["drama"], ["drama", "drama"]];

        var matrix = OneHotFeatures.Build(tokens, inverseDocumentFrequency: true);

        // drama: df 3 of 3 → ln(4/4) + 1 = 1; war: df 1 → ln(4/2) + 1. A repeated token counts once.
        Assert.Equal(2, matrix.ColumnCount);
        Assert.Equal([1f, (float)(Math.Log(2) + 1)], matrix.RowValues(0).ToArray());
        Assert.Equal([1f], matrix.RowValues(2).ToArray());
    }

    [Fact]
    public void Blocks_are_normalised_weighted_and_placed_side_by_side_with_empty_rows_for_undescribed_items()
    {
        var first = CsrMatrix.FromCoordinates(2, 2, [0, 0], [0, 1], [3f, 4f]);     // row 0: (3, 4); row 1: (0, 0)
        var second = CsrMatrix.FromCoordinates(2, 1, [0, 1], [0, 0], [5f, 2f]);

        var combined = FeatureBlocks.Concatenate([(first, 2f), (null, 1f), (second, 0.5f)], targetRows: [2, 0], rowCount: 3);

        Assert.Equal(3, combined.ColumnCount);
        Assert.Equal([0, 1, 2], combined.RowIndices(2).ToArray());
        Assert.Equal([1.2f, 1.6f, 0.5f], combined.RowValues(2).ToArray());   // (3, 4)/5 · 2 and 5/5 · 0.5
        Assert.Equal([2], combined.RowIndices(0).ToArray());
        Assert.Equal([0.5f], combined.RowValues(0).ToArray());
        Assert.Equal(0, combined.RowLength(1));
    }

    [Fact]
    public void Metadata_tokens_bucket_price_on_a_log_scale_and_take_year_and_decade_from_CreatedAt()
    {
        var item = new CatalogItem("x", "t", [], [], Price: 9.5m, InStock: true, AgeRating: " PG-13 ", Regions: [],
            CreatedAt: new DateTimeOffset(1997, 3, 1, 0, 0, 0, TimeSpan.Zero));

        // log2(1 + 9.5) = 3.39 → bucket 3.
        Assert.Equal(["age:pg-13", "price:3", "year:1997", "decade:1990"], ItemMetadataTokens.Of(item));
    }
}
