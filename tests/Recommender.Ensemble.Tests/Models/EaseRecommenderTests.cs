using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Models;

public class EaseRecommenderTests
{
    /// <summary>
    /// Five users, four items:
    /// u0 = {0, 1}, u1 = {0, 2}, u2 = {1, 2, 3}, u3 = {0, 1, 2}, u4 = {2, 3}.
    /// </summary>
    private static InteractionMatrix WorkedExample(float weight = 1f) => TestMatrices.From(5, 4,
        (0, 0, weight), (0, 1, weight),
        (1, 0, weight), (1, 2, weight),
        (2, 1, weight), (2, 2, weight), (2, 3, weight),
        (3, 0, weight), (3, 1, weight), (3, 2, weight),
        (4, 2, weight), (4, 3, weight));

    /// <summary>
    /// XᵀX + λI with λ = 1, by hand: item counts 3, 3, 4, 2 on the diagonal (+1), co-occurrences
    /// (0,1) = 2 [u0, u3], (0,2) = 2 [u1, u3], (0,3) = 0, (1,2) = 2 [u2, u3], (1,3) = 1 [u2], (2,3) = 2 [u2, u4].
    /// </summary>
    private static readonly double[] WorkedGram =
    [
        4, 2, 2, 0,
        2, 4, 2, 1,
        2, 2, 5, 2,
        0, 1, 2, 3,
    ];

    [Fact]
    public void Weights_equal_the_closed_form_with_an_independent_inverse()
    {
        var model = new EaseRecommender(new EaseOptions(lambda: 1f));

        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);

        var expected = ExpectedWeights(WorkedGram, 4);
        var actual = model.Weights.ToArray();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(0f, actual[i * 4 + i]);
            for (var j = 0; j < 4; j++)
                Assert.Equal(expected[i * 4 + j], actual[i * 4 + j], 1e-6);
        }
    }

    [Fact]
    public void Raw_weights_enter_the_gram_matrix_when_not_binarized()
    {
        // All weights 2 and λ = 4 is the worked example scaled by 4: B is unchanged.
        var model = new EaseRecommender(new EaseOptions(lambda: 4f, binarizeWeights: false));

        model.Fit(WorkedExample(weight: 2f), TestContext.Current.CancellationToken);

        var expected = ExpectedWeights(WorkedGram, 4);
        var actual = model.Weights.ToArray();
        for (var i = 0; i < 16; i++)
            Assert.Equal(expected[i], actual[i], 1e-6);
    }

    /// <summary>
    /// The worked example as a log. All at time 0, except u2, who took items 1, 2 and 3 an hour apart each (item 3
    /// twice: first at 0, last at 7200 s).
    /// </summary>
    private static TrainingData WorkedLog(long u2Gap = 3600) => new(TinyLog.Of(
        ("u0", "0", 1, 0), ("u0", "1", 1, 0),
        ("u1", "0", 1, 0), ("u1", "2", 1, 0),
        ("u2", "3", 1, 0), ("u2", "1", 1, 0), ("u2", "2", 1, u2Gap), ("u2", "3", 1, 2 * u2Gap),
        ("u3", "0", 1, 0), ("u3", "1", 1, 0), ("u3", "2", 1, 0),
        ("u4", "2", 1, 0), ("u4", "3", 1, 0)));

    [Fact]
    public void A_time_scale_discounts_each_pair_by_the_time_between_its_interactions()
    {
        var data = WorkedLog();
        Assert.Equal(["0", "1", "2", "3"], data.Matrix.Items.Ids);
        var model = new EaseRecommender(new EaseOptions(lambda: 1f, timeScaleMinutes: 60f));

        model.Fit(data, TestContext.Current.CancellationToken);

        // One hour apart counts e^-1, two hours e^-2 (u2 took item 3 last at 7200 s); the other pairs are unchanged
        // and so is every item's own count.
        var e1 = Math.Exp(-1);
        double[] gram =
        [
            4, 2, 2, 0,
            2, 4, 1 + e1, Math.Exp(-2),
            2, 1 + e1, 5, 1 + e1,
            0, Math.Exp(-2), 1 + e1, 3,
        ];
        AssertWeightsOf(gram, model);
    }

    [Fact]
    public void With_every_pair_at_one_time_the_time_scale_changes_nothing()
    {
        var model = new EaseRecommender(new EaseOptions(lambda: 1f, timeScaleMinutes: 10f));

        model.Fit(WorkedLog(u2Gap: 0), TestContext.Current.CancellationToken);

        AssertWeightsOf(WorkedGram, model);
    }

    [Fact]
    public void A_time_scale_needs_the_log()
    {
        var model = new EaseRecommender(new EaseOptions(lambda: 1f, timeScaleMinutes: 10f));

        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(WorkedExample(), TestContext.Current.CancellationToken));
        Assert.Contains("TrainingData", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_are_the_user_row_times_B_without_seen_items()
    {
        var model = new EaseRecommender(new EaseOptions(lambda: 1f));
        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);
        var b = ExpectedWeights(WorkedGram, 4);

        // u4 = {2, 3}: candidates 0 and 1 score B[2, j] + B[3, j].
        var top = model.Recommend(4, k: 10);

        var expected = new[] { 0, 1 }
            .Select(j => (Item: j, Score: b[2 * 4 + j] + b[3 * 4 + j]))
            .OrderByDescending(x => x.Score)
            .ToArray();
        Assert.Equal(expected.Select(x => x.Item), top.Select(s => s.Item));
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i].Score, top[i].Score, 1e-6);

        // Folding in the same items is the same computation.
        Assert.Equal(top, model.RecommendFromItems([3, 2], [], k: 10));
        Assert.Equal(top, model.RecommendFromItems([3, 2, 3], [5f, 1f, 1f], k: 10));
    }

    [Fact]
    public void Exclusions_are_honoured()
    {
        var model = new EaseRecommender(new EaseOptions(lambda: 1f));
        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);

        Assert.Equal([3], model.Recommend(0, 10, [2]).Select(s => s.Item));
        Assert.Equal([1, 2], model.RecommendFromItems([0, 3], [], 10).Select(s => s.Item).Order());
        Assert.DoesNotContain(model.SimilarItems(1, 10), s => s.Item == 1);
        Assert.Equal(3, model.SimilarItems(1, 10).Length);
    }

    [Fact]
    public void Similar_items_follow_the_row_of_B()
    {
        var model = new EaseRecommender(new EaseOptions(lambda: 1f));
        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);
        var b = ExpectedWeights(WorkedGram, 4);

        var similar = model.SimilarItems(3, 3);

        var expected = new[] { 0, 1, 2 }.OrderByDescending(j => b[3 * 4 + j]).ToArray();
        Assert.Equal(expected, similar.Select(s => s.Item));
    }

    [Fact]
    public void Inverse_is_exact_across_block_boundaries()
    {
        // 150 items span three 64-wide blocks of the factorisation; compare B with the reference inverse.
        var (train, _) = TestMatrices.PlantedBlocks(groups: 5, usersPerGroup: 40, itemsPerGroup: 30, seed: 6);
        var model = new EaseRecommender(new EaseOptions(lambda: 3f));

        model.Fit(train, TestContext.Current.CancellationToken);

        var n = train.ItemCount;
        var gram = new double[n * n];
        for (var u = 0; u < train.UserCount; u++)
        {
            foreach (var i in train.ItemsOf(u))
            {
                foreach (var j in train.ItemsOf(u))
                    gram[i * n + j] += 1;
            }
        }
        for (var i = 0; i < n; i++)
            gram[i * n + i] += 3;
        var expected = ExpectedWeights(gram, n);
        var actual = model.Weights.ToArray();
        for (var i = 0; i < n * n; i++)
            Assert.Equal(expected[i], actual[i], 1e-6);
    }

    [Fact]
    public void Save_then_load_recommends_identically()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 8, itemsPerGroup: 7, seed: 8);
        var model = new EaseRecommender(new EaseOptions(lambda: 10f));
        model.Fit(train, TestContext.Current.CancellationToken);
        var directory = Directory.CreateTempSubdirectory("ease-test-");
        try
        {
            var writer = new ArtifactWriter(directory.FullName);
            model.Save(writer);
            var parameters = JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web);

            var loaded = EaseRecommender.Load(new ArtifactReader(directory.FullName, writer.Hashes), train, parameters);

            Assert.Equal(model.Options, loaded.Options);
            for (var u = 0; u < train.UserCount; u++)
                Assert.Equal(model.Recommend(u, 5, [1]), loaded.Recommend(u, 5, [1]));
            Assert.Equal(model.RecommendFromItems([3, 9], [], 6), loaded.RecommendFromItems([3, 9], [], 6));
            Assert.Equal(model.SimilarItems(5, 6), loaded.SimilarItems(5, 6));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Refuses_catalogues_beyond_the_dense_limit()
    {
        var items = EaseRecommender.MaxItems + 1;
        var matrix = new InteractionMatrix(
            IdMap.FromIds(["u"]),
            IdMap.FromIds(Enumerable.Range(0, items).Select(i => $"i{i}")),
            new CsrMatrix(1, items, [0, 1], [0], [1f]));

        var error = Assert.Throws<NotSupportedException>(() => new EaseRecommender().Fit(matrix, TestContext.Current.CancellationToken));
        Assert.Contains("20,000", error.Message);
    }

    [Fact]
    public void Cancellation_stops_fitting()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 8, itemsPerGroup: 30, seed: 8);
        var model = new EaseRecommender();
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(train, source.Token));
        Assert.Throws<InvalidOperationException>(() => model.Interactions);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EaseOptions(lambda: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EaseOptions() with { Lambda = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EaseOptions(timeScaleMinutes: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EaseOptions() with { TimeScaleMinutes = float.PositiveInfinity });
        Assert.Equal(new EaseOptions(lambda: 250), JsonSerializer.Deserialize<EaseOptions>("""{"lambda":250}""", JsonSerializerOptions.Web));
        Assert.Equal(new EaseOptions(lambda: 200, timeScaleMinutes: 10),
            JsonSerializer.Deserialize<EaseOptions>("""{"lambda":200,"timeScaleMinutes":10}""", JsonSerializerOptions.Web));
        // What the registry stores: the settings, not what is derived from them.
        Assert.Equal("""{"lambda":200,"binarizeWeights":true,"timeScaleMinutes":10}""",
            JsonSerializer.Serialize(new EaseOptions(lambda: 200, timeScaleMinutes: 10), JsonSerializerOptions.Web));
    }

    /// <summary>The model's B equals <see cref="ExpectedWeights"/> of the hand-built <paramref name="gram"/> (λ included).</summary>
    private static void AssertWeightsOf(double[] gram, EaseRecommender model)
    {
        var n = (int)Math.Sqrt(gram.Length);
        var expected = ExpectedWeights(gram, n);
        var actual = model.Weights.ToArray();
        Assert.Equal(n * n, actual.Length);
        for (var i = 0; i < n * n; i++)
            Assert.Equal(expected[i], actual[i], 1e-6);
    }

    /// <summary>B = −P / diag(P) column-wise with diag(B) = 0, P from the reference Gauss–Jordan inverse.</summary>
    private static double[] ExpectedWeights(double[] gram, int n)
    {
        var p = ReferenceAlgebra.Invert(gram, n);
        var b = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                b[i * n + j] = i == j ? 0 : -p[i * n + j] / p[j * n + j];
        }
        return b;
    }
}
