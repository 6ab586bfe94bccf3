using System.Text.Json;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Models;

public class PopularityRecommenderTests
{
    // Users: u1 {a, b, c}, u2 {a, b}, u3 {a, d}, u4 {c} (u4 saw c twice: one user, counted once).
    // Users per item: a 3, b 2, c 2, d 1 -> ranking a, b, c (tie with b, higher index), d.
    private static PopularityRecommender Fitted(out Recommender.Ensemble.Data.InteractionMatrix matrix)
    {
        var log = TinyLog.Of(
            ("u1", "a", 1, 0), ("u1", "b", 1, 0), ("u1", "c", 1, 0), ("u2", "a", 1, 0), ("u2", "b", 1, 0),
            ("u3", "a", 1, 0), ("u3", "d", 1, 0), ("u4", "c", 1, 0), ("u4", "c", 1, 0));
        var model = new PopularityRecommender();
        var data = new TrainingData(log);
        model.Fit(data, TestContext.Current.CancellationToken);
        matrix = data.Matrix;
        return model;
    }

    private static string[] Ids(Recommender.Ensemble.Data.InteractionMatrix m, ScoredItem[] items) => items.Select(s => m.Items[s.Item]).ToArray();

    [Fact]
    public void Recommends_by_user_count_without_seen_items()
    {
        var model = Fitted(out var m);

        var forU4 = model.Recommend(m.Users.TryGetIndex("u4", out var u4) ? u4 : -1, 10);
        var forU2 = model.Recommend(m.Users.TryGetIndex("u2", out var u2) ? u2 : -1, 1);

        Assert.Equal(["a", "b", "d"], Ids(m, forU4));
        Assert.Equal([3f, 2f, 1f], forU4.Select(s => s.Score));
        Assert.Equal(["c"], Ids(m, forU2));
    }

    [Fact]
    public void Honours_caller_exclusions_and_items_given_for_fold_in()
    {
        var model = Fitted(out var m);
        m.Items.TryGetIndex("a", out var a);
        m.Items.TryGetIndex("c", out var c);
        m.Users.TryGetIndex("u4", out var u4);

        Assert.Equal(["b", "d"], Ids(m, model.Recommend(u4, 10, [a])));
        Assert.Equal(["b", "d"], Ids(m, model.RecommendFromItems([c, a], [], 10)));
    }

    [Fact]
    public void Similar_items_are_ranked_by_co_occurrence_count()
    {
        var model = Fitted(out var m);
        m.Items.TryGetIndex("a", out var a);

        // a's users u1 {b, c}, u2 {b}, u3 {d}: b 2, c 1, d 1 (c before d: lower index).
        var similar = model.SimilarItems(a, 5);

        Assert.Equal(["b", "c", "d"], Ids(m, similar));
        Assert.Equal([2f, 1f, 1f], similar.Select(s => s.Score));
    }

    [Fact]
    public void Load_of_save_recommends_the_same()
    {
        var model = Fitted(out var m);
        using var artifacts = new ArtifactRoundTrip();

        model.Save(artifacts.Writer);
        var loaded = PopularityRecommender.Load(artifacts.Reader(), m, JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web));

        for (var user = 0; user < m.UserCount; user++)
            Assert.Equal(model.Recommend(user, 3), loaded.Recommend(user, 3));
        Assert.Equal(model.SimilarItems(0, 3), loaded.SimilarItems(0, 3));
    }
}
