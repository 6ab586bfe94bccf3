using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Tests.Models.Content;

public class ContentRecommenderTests
{
    [Theory]
    [InlineData("sf1", "sf2")]
    [InlineData("sf2", "sf1")]
    [InlineData("ck1", "ck2")]
    [InlineData("ck2", "ck1")]
    public void Nearest_neighbour_is_the_item_of_the_same_kind(string item, string expectedNearest)
    {
        var model = SmallCatalog.Fitted();

        var similar = model.SimilarItems(model.Index(item), 3);

        Assert.Equal(expectedNearest, model.Id(similar[0].Item));
        Assert.DoesNotContain(model.Index(item), similar.Select(s => s.Item));
    }

    [Fact]
    public void Science_fiction_items_are_closer_to_each_other_than_to_cooking()
    {
        var model = SmallCatalog.Fitted();

        var scores = model.SimilarItems(model.Index("sf1"), 10).ToDictionary(s => model.Id(s.Item), s => s.Score);

        Assert.True(scores["sf2"] > scores["ck1"] + 0.2f, $"sf2 {scores["sf2"]}, ck1 {scores["ck1"]}");
        Assert.True(scores["sf2"] > scores["ck2"] + 0.2f, $"sf2 {scores["sf2"]}, ck2 {scores["ck2"]}");
        Assert.InRange(scores["sf2"], -1f, 1.0001f);
    }

    [Fact]
    public void An_item_the_catalog_does_not_describe_has_no_embedding_and_comes_last_only_when_nothing_else_is_left()
    {
        var model = SmallCatalog.Fitted();
        var ghost = model.Index("ghost");

        Assert.False(model.Describes(ghost));
        Assert.True(model.Describes(model.Index("sf1")));
        Assert.Empty(model.SimilarItems(ghost, 5));
        Assert.DoesNotContain(ghost, model.SimilarItems(model.Index("sf1"), 4).Select(s => s.Item));

        var all = model.SimilarItems(model.Index("sf1"), 10);
        Assert.Equal(5, all.Length);
        Assert.Equal(ghost, all[^1].Item);
        Assert.Equal(ContentRecommender.UndescribedItemScore, all[^1].Score);
    }

    [Fact]
    public void Recommend_leans_to_the_heavier_weighted_history_and_excludes_seen_and_excluded_items()
    {
        var model = SmallCatalog.Fitted();
        var u1 = Index(model.Interactions.Users, "u1");   // sf1 rated 5, ck1 rated 3

        var recommended = model.Recommend(u1, 3);
        var withExclusion = model.Recommend(u1, 3, [model.Index("sf2")]);

        Assert.Equal("sf2", model.Id(recommended[0].Item));
        Assert.DoesNotContain(recommended, s => model.Id(s.Item) is "sf1" or "ck1");
        Assert.Equal("ck2", model.Id(withExclusion[0].Item));
        Assert.DoesNotContain(withExclusion, s => model.Id(s.Item) == "sf2");
    }

    [Fact]
    public void Folding_in_a_history_gives_exactly_what_Recommend_gives_the_user_with_that_history()
    {
        var model = SmallCatalog.Fitted();

        for (var user = 0; user < model.Interactions.UserCount; user++)
        {
            var fromUser = model.Recommend(user, 10);
            var foldedIn = model.RecommendFromItems(model.Interactions.ItemsOf(user), model.Interactions.WeightsOf(user), 10);
            Assert.Equal(fromUser, foldedIn);
        }
    }

    [Fact]
    public void Fold_in_with_unit_weights_and_unsorted_duplicate_items_excludes_them_all()
    {
        var model = SmallCatalog.Fitted();
        int[] items = [model.Index("ck2"), model.Index("sf2"), model.Index("ck2")];

        var recommended = model.RecommendFromItems(items, [], 10);

        Assert.DoesNotContain(recommended, s => items.Contains(s.Item));
        Assert.Equal(4, recommended.Length);   // sf1, ck1, rm1 and, last, ghost
    }

    [Fact]
    public void A_history_without_described_items_gives_no_recommendations()
    {
        var model = SmallCatalog.Fitted();
        var u4 = Index(model.Interactions.Users, "u4");   // only "ghost"

        Assert.Empty(model.Recommend(u4, 10));
        Assert.Empty(model.RecommendFromItems([model.Index("ghost")], [], 10));
        Assert.Empty(model.RecommendFromItems([], [], 10));
    }

    [Fact]
    public void Recency_lets_the_latest_interest_win()
    {
        // Both users rated one sci-fi and one cooking item equally, 30 days apart; with a 2-day half-life the
        // older interaction is worth 2^-15 of the newer one.
        var events = new (string, string, float, int)[]
        {
            ("old-scifi", "sf1", 5, 0), ("old-scifi", "ck1", 5, 30),
            ("old-cooking", "ck1", 5, 0), ("old-cooking", "sf1", 5, 30),
            ("other", "sf2", 1, 1), ("other", "ck2", 1, 2), ("other", "rm1", 1, 3), ("other", "ghost", 1, 4),
        };
        var model = SmallCatalog.Fitted(new ContentOptions(RecencyHalfLifeDays: 2), SmallCatalog.Data(events));

        Assert.Equal("ck2", model.Id(model.Recommend(Index(model.Interactions.Users, "old-scifi"), 1)[0].Item));
        Assert.Equal("sf2", model.Id(model.Recommend(Index(model.Interactions.Users, "old-cooking"), 1)[0].Item));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Save_then_Load_recommends_exactly_the_same(double recencyHalfLifeDays)
    {
        var model = SmallCatalog.Fitted(new ContentOptions(Dimensions: 8, RecencyHalfLifeDays: recencyHalfLifeDays));
        var directory = Directory.CreateTempSubdirectory("content-model-");
        try
        {
            var writer = new ArtifactWriter(directory.FullName);
            model.Save(writer);
            var parameters = JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web);

            var loaded = ContentRecommender.Load(new ArtifactReader(directory.FullName, writer.Hashes), model.Interactions, parameters);

            Assert.Equal(model.Options, loaded.Options);
            Assert.Equal(model.ItemEmbeddings.ToArray(), loaded.ItemEmbeddings.ToArray());
            for (var user = 0; user < model.Interactions.UserCount; user++)
                Assert.Equal(model.Recommend(user, 10), loaded.Recommend(user, 10));
            for (var item = 0; item < model.Interactions.ItemCount; item++)
                Assert.Equal(model.SimilarItems(item, 10), loaded.SimilarItems(item, 10));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_refuses_embeddings_of_the_wrong_shape()
    {
        var model = SmallCatalog.Fitted(new ContentOptions(Dimensions: 8));
        var directory = Directory.CreateTempSubdirectory("content-model-");
        try
        {
            var writer = new ArtifactWriter(directory.FullName);
            model.Save(writer);
            var parameters = JsonSerializer.SerializeToElement(model.Options with { Dimensions = 16 }, JsonSerializerOptions.Web);

            var error = Assert.Throws<ModelArtifactException>(() =>
                ContentRecommender.Load(new ArtifactReader(directory.FullName, writer.Hashes), model.Interactions, parameters));
            Assert.Contains("item_embeddings", error.Path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Fitting_twice_gives_identical_embeddings()
    {
        var first = SmallCatalog.Fitted();
        var second = SmallCatalog.Fitted();

        Assert.Equal(first.ItemEmbeddings.ToArray(), second.ItemEmbeddings.ToArray());
    }

    [Fact]
    public void Embeddings_are_unit_rows_padded_to_the_requested_dimension()
    {
        var model = SmallCatalog.Fitted(new ContentOptions(Dimensions: 64));

        for (var item = 0; item < model.Interactions.ItemCount; item++)
        {
            var norm = Math.Sqrt(model.EmbeddingOf(item).ToArray().Sum(x => (double)x * x));
            Assert.Equal(model.Describes(item) ? 1.0 : 0.0, norm, 5);
        }
        Assert.Equal(model.Interactions.ItemCount * 64, model.ItemEmbeddings.Length);
    }

    [Fact]
    public void Without_a_catalog_nothing_is_described_and_nothing_is_recommended()
    {
        var model = SmallCatalog.Fitted(data: SmallCatalog.Data(catalog: Catalog.Empty));

        Assert.Empty(model.Recommend(0, 10));
        Assert.Empty(model.SimilarItems(0, 10));
    }

    [Fact]
    public void Queries_validate_their_arguments_and_require_a_fitted_model()
    {
        Assert.Throws<InvalidOperationException>(() => new ContentRecommender().Recommend(0, 10));
        var model = SmallCatalog.Fitted();

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Recommend(model.Interactions.UserCount, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Recommend(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.SimilarItems(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.RecommendFromItems([99], [], 10));
        Assert.Throws<ArgumentException>(() => model.RecommendFromItems([0, 1], [1f], 10));
        Assert.Throws<ArgumentException>(() => model.RecommendFromItems([0], [float.NaN], 10));
    }

    private static int Index(IdMap map, string id) => map.TryGetIndex(id, out var index) ? index : throw new ArgumentException(id);
}
