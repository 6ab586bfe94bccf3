using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Models;

public class SarRecommenderTests
{
    private const long T0 = 1_000_000_000;
    private const long Day = 86_400;
    private const float Tolerance = 1e-6f;

    // Users and items (binarised):  u0 {i0, i1}, u1 {i0, i1, i2}, u2 {i2, i3}, u3 {i0}.
    // Item user counts d = [3, 2, 2, 1]. Co-occurrence: c01 = 2 (u0, u1), c02 = 1 (u1), c12 = 1 (u1), c23 = 1 (u2),
    // c03 = c13 = 0. Jaccard c / (d_i + d_j - c): j01 = 2/3, j02 = 1/4, j12 = 1/3, j23 = 1/2, diagonal 1, others 0.
    // t_max = T0 (u2's i2). u0 rated i0 twice: 1 at T0 and 1 at T0 - 30 days -> affinity 1 + 0.5 = 1.5.
    private static TrainingData Data() => new(TinyLog.Of(
        ("u0", "i0", 1, T0), ("u0", "i1", 2, T0 - 10 * Day), ("u1", "i0", 5, T0 - 5 * Day),
        ("u1", "i1", 3, T0 - 1 * Day), ("u1", "i2", 1, T0 - 2 * Day),
        ("u2", "i2", 2, T0), ("u2", "i3", 4, T0 - 30 * Day),
        ("u3", "i0", 4, T0 - 60 * Day),
        ("u0", "i0", 1, T0 - 30 * Day)));

    private static SarRecommender Fitted(SarOptions? options = null)
    {
        var model = new SarRecommender(options);
        model.Fit(Data(), TestContext.Current.CancellationToken);
        return model;
    }

    private static int Index(IdMap map, string id) => map.TryGetIndex(id, out var i) ? i : throw new KeyNotFoundException(id);

    [Fact]
    public void Jaccard_similarity_matches_hand_computed_values()
    {
        var model = Fitted();

        Assert.Equal([1f, 2f / 3, 1f / 4, 0f], model.SimilarityRow(0).ToArray(), (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.Equal([1f / 4, 1f / 3, 1f, 1f / 2], model.SimilarityRow(2).ToArray(), (a, b) => Math.Abs(a - b) < Tolerance);
    }

    [Fact]
    public void Affinity_decays_each_event_from_the_latest_train_time_before_summing()
    {
        var model = Fitted();
        var m = model.Interactions;

        float AffinityOf(string user, string item)
        {
            var u = Index(m.Users, user);
            var at = model.Affinity.RowIndices(u).IndexOf(Index(m.Items, item));
            return model.Affinity.RowValues(u)[at];
        }

        Assert.Equal(T0, model.ReferenceTime);
        Assert.Equal(1.5f, AffinityOf("u0", "i0"), Tolerance);          // 1·2^0 + 1·2^-1
        Assert.Equal(4f * 0.25f, AffinityOf("u3", "i0"), Tolerance);    // 60 days = two half-lives
        Assert.Equal(2f * MathF.Pow(2, -1f / 3), AffinityOf("u0", "i1"), Tolerance); // 10 days = 1/3 half-life
    }

    [Fact]
    public void Scores_are_affinity_times_similarity_without_seen_items()
    {
        var model = Fitted();
        var m = model.Interactions;

        // u3: affinity i0 = 1 -> scores = row 0 = [1, 2/3, 1/4, 0]; i0 seen -> i1 (2/3), i2 (1/4), i3 (0).
        var u3 = model.Recommend(Index(m.Users, "u3"), 3);
        Assert.Equal([1, 2, 3], u3.Select(s => s.Item));
        Assert.Equal([2f / 3, 1f / 4, 0f], u3.Select(s => s.Score), (a, b) => Math.Abs(a - b) < Tolerance);

        // u2: affinity i2 = 2 (at T0), i3 = 4 · 1/2 = 2 -> 2·[1/4, 1/3, 1, 1/2] + 2·[0, 0, 1/2, 1] = [1/2, 2/3, 3, 3];
        // i2, i3 seen -> i1 (2/3), i0 (1/2).
        var u2 = model.Recommend(Index(m.Users, "u2"), 5);
        Assert.Equal([1, 0], u2.Select(s => s.Item));
        Assert.Equal([2f / 3, 1f / 2], u2.Select(s => s.Score), (a, b) => Math.Abs(a - b) < Tolerance);

        // Caller exclusions apply on top: u3 without i1 -> i2, i3.
        Assert.Equal([2, 3], model.Recommend(Index(m.Users, "u3"), 3, [1]).Select(s => s.Item));
    }

    [Fact]
    public void Fold_in_uses_the_given_items_as_affinity()
    {
        var model = Fitted();

        // Item i1 with weight 3: 3·row 1 = 3·[2/3, 1, 1/3, 0] = [2, 3, 1, 0]; i1 excluded -> i0 (2), i2 (1).
        var top = model.RecommendFromItems([1], [3f], 2);
        Assert.Equal([0, 2], top.Select(s => s.Item));
        Assert.Equal([2f, 1f], top.Select(s => s.Score), (a, b) => Math.Abs(a - b) < Tolerance);

        // No weights means 1 each: row 0 + row 3 = [1, 2/3, 3/4, 1]; i0, i3 excluded -> i2 (3/4), i1 (2/3).
        Assert.Equal([2, 1], model.RecommendFromItems([3, 0], [], 2).Select(s => s.Item));
    }

    [Fact]
    public void Similar_items_come_from_the_similarity_row_positive_only()
    {
        var model = Fitted();

        // Row 2 = [1/4, 1/3, 1, 1/2] without i2 -> i3, i1, i0; row 3 = [0, 0, 1/2, 1] -> only i2.
        Assert.Equal([3, 1, 0], model.SimilarItems(2, 5).Select(s => s.Item));
        Assert.Equal([2], model.SimilarItems(3, 5).Select(s => s.Item));
    }

    [Fact]
    public void Lift_and_cooccurrence_follow_their_formulas()
    {
        // Lift c / (d_i d_j), row 0: [3/9, 2/6, 1/6, 0]. Co-occurrence row 0: [3, 2, 1, 0].
        var lift = Fitted(new SarOptions(SimilarityType.Lift));
        var counts = Fitted(new SarOptions(SimilarityType.Cooccurrence));

        Assert.Equal([1f / 3, 1f / 3, 1f / 6, 0f], lift.SimilarityRow(0).ToArray(), (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.Equal([3f, 2f, 1f, 0f], counts.SimilarityRow(0).ToArray());
    }

    [Fact]
    public void Support_threshold_zeroes_rare_co_occurrences_including_the_diagonal()
    {
        // Threshold 2 keeps c00 = 3, c01 = 2, c11 = 2, c22 = 2 only; d3 = 1 -> 0.
        // Jaccard row 0 = [3/3, 2/(3+2-2), 0, 0] = [1, 2/3, 0, 0]; row 3 all 0 (nobody left).
        var model = Fitted(new SarOptions(supportThreshold: 2));

        Assert.Equal([1f, 2f / 3, 0f, 0f], model.SimilarityRow(0).ToArray(), (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.Equal([0f, 0f, 0f, 0f], model.SimilarityRow(3).ToArray());
    }

    [Fact]
    public void Time_now_and_no_decay_change_the_affinity_as_documented()
    {
        var later = Fitted(new SarOptions(timeNow: T0 + 30 * Day));
        var flat = Fitted(new SarOptions(timeDecay: false));
        var u3 = Index(later.Interactions.Users, "u3");

        Assert.Equal(4f * 0.125f, later.Affinity.RowValues(u3)[0], Tolerance); // 90 days = three half-lives
        Assert.Equal(4f, flat.Affinity.RowValues(u3)[0]);
    }

    [Fact]
    public void Refuses_catalogs_larger_than_the_dense_limit()
    {
        var model = new SarRecommender(new SarOptions(maxItems: 3));

        var error = Assert.Throws<NotSupportedException>(() => model.Fit(Data(), TestContext.Current.CancellationToken));
        Assert.Contains("MaxItems", error.Message);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SarOptions(timeDecayHalfLifeDays: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SarOptions(supportThreshold: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SarOptions() with { MaxItems = -1 });
    }

    [Fact]
    public void Load_of_save_recommends_the_same()
    {
        var model = Fitted(new SarOptions(SimilarityType.Lift, timeDecayHalfLifeDays: 7));
        using var artifacts = new ArtifactRoundTrip();

        model.Save(artifacts.Writer);
        var parameters = JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web);
        var loaded = SarRecommender.Load(artifacts.Reader(), model.Interactions, parameters);

        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.ReferenceTime, loaded.ReferenceTime);
        for (var user = 0; user < model.Interactions.UserCount; user++)
            Assert.Equal(model.Recommend(user, 4), loaded.Recommend(user, 4));
        Assert.Equal(model.RecommendFromItems([1, 2], [1f, 2f], 4), loaded.RecommendFromItems([1, 2], [1f, 2f], 4));
        Assert.Equal(model.SimilarItems(0, 4), loaded.SimilarItems(0, 4));
    }
}
