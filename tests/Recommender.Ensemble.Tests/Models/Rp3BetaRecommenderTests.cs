using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Tests.Models;

public class Rp3BetaRecommenderTests
{
    private static readonly float Sqrt3 = MathF.Sqrt(3);

    /// <summary>
    /// Five users, four items (EASE's worked example):
    /// u0 = {0, 1}, u1 = {0, 2}, u2 = {1, 2, 3}, u3 = {0, 1, 2}, u4 = {2, 3}.
    /// User degrees 2, 2, 3, 3, 2; item degrees 3, 3, 4, 2.
    /// </summary>
    private static InteractionMatrix WorkedExample(float weight = 1f) => TestMatrices.From(5, 4,
        (0, 0, weight), (0, 1, weight),
        (1, 0, weight), (1, 2, weight),
        (2, 1, weight), (2, 2, weight), (2, 3, weight),
        (3, 0, weight), (3, 1, weight), (3, 2, weight),
        (4, 2, weight), (4, 3, weight));

    /// <summary>
    /// α = 1, β = 0.5, by hand: W_ij = Σ_u (1/deg_i)(1/deg_u) / √deg_j over the users u of both.
    /// Row 0 (u0, u1, u3, each 1/3): W01 = (1/6 + 1/9)/√3 = (5/18)/√3, W02 = (1/6 + 1/9)/√4 = 5/36, W03 = 0.
    /// Row 2 (u1, u2, u3, u4, each 1/4): W20 = (1/8 + 1/12)/√3 = (5/24)/√3, W21 = (1/12 + 1/12)/√3 = (1/6)/√3,
    /// W23 = (1/12 + 1/8)/√2 = (5/24)/√2. Row 3 (u2, u4, each 1/2): W30 = 0, W31 = (1/6)/√3, W32 = (1/6 + 1/4)/2 = 5/24.
    /// </summary>
    [Fact]
    public void Graph_equals_the_hand_worked_walk()
    {
        var model = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 1f, beta: 0.5f, neighbors: 10));

        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);

        var w = Dense(model.Graph);
        Assert.Equal(0f, w[0, 0]);
        Assert.Equal(5f / 18 / Sqrt3, w[0, 1], 1e-6);
        Assert.Equal(5f / 36, w[0, 2], 1e-6);
        Assert.Equal(0f, w[0, 3]);
        Assert.Equal(5f / 24 / Sqrt3, w[2, 0], 1e-6);
        Assert.Equal(1f / 6 / Sqrt3, w[2, 1], 1e-6);
        Assert.Equal(5f / 24 / MathF.Sqrt(2), w[2, 3], 1e-6);
        Assert.Equal(0f, w[3, 0]);
        Assert.Equal(1f / 6 / Sqrt3, w[3, 1], 1e-6);
        Assert.Equal(5f / 24, w[3, 2], 1e-6);
        // Only edges with a walk behind them are stored: row 0 has none to item 3, row 3 none to item 0.
        Assert.Equal([1, 2], model.Graph.RowIndices(0).ToArray());
        Assert.Equal([1, 2], model.Graph.RowIndices(3).ToArray());
    }

    [Fact]
    public void Alpha_raises_each_transition_probability()
    {
        // α = 2, β = 0: W01 = Σ over u0 (deg 2) and u3 (deg 3) of (1/3)² (1/deg_u)² = (1/9)(1/4 + 1/9) = 13/324.
        var model = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 2f, beta: 0f, neighbors: 10));

        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);

        Assert.Equal(13f / 324, Dense(model.Graph)[0, 1], 1e-7);
    }

    [Fact]
    public void Graph_matches_a_dense_reference_on_weighted_data()
    {
        // Uneven weights, not binarised: the user → item step follows the weights, the item → user step and the
        // popularity discount count users. The reference multiplies the dense matrices (D_I⁻¹Bᵀ)^α (D_U⁻¹X)^α (B the
        // binarised X, D_I its column counts, D_U X's row sums) and divides column j by count_j^β, all in double.
        var (planted, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 10, itemsPerGroup: 8, seed: 4);
        var entries = new List<(int, int, float)>();
        for (var u = 0; u < planted.UserCount; u++)
        {
            foreach (var i in planted.ItemsOf(u))
                entries.Add((u, i, 1 + (u * 7 + i * 3) % 5));
        }
        var matrix = TestMatrices.From(planted.UserCount, planted.ItemCount, [.. entries]);
        var options = new Rp3BetaOptions(alpha: 0.7f, beta: 0.4f, neighbors: 1000, binarizeWeights: false);
        var model = new Rp3BetaRecommender(options);

        model.Fit(matrix, TestContext.Current.CancellationToken);

        var expected = ReferenceGraph(matrix, options);
        var actual = Dense(model.Graph);
        for (var i = 0; i < matrix.ItemCount; i++)
        {
            for (var j = 0; j < matrix.ItemCount; j++)
                Assert.Equal(expected[i, j], actual[i, j], 1e-6);
        }
    }

    [Fact]
    public void Uniform_weights_give_the_binarised_graph()
    {
        var binarised = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 0.8f, beta: 0.5f));
        var weighted = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 0.8f, beta: 0.5f, binarizeWeights: false));

        binarised.Fit(WorkedExample(weight: 4f), TestContext.Current.CancellationToken);
        weighted.Fit(WorkedExample(weight: 4f), TestContext.Current.CancellationToken);

        Assert.Equal(binarised.Graph.Values, weighted.Graph.Values);
    }

    [Fact]
    public void Each_row_keeps_its_strongest_neighbors()
    {
        // Row 0: W01 = 0.160 > W02 = 0.139; row 3: W32 = 0.208 > W31 = 0.096 (hand-worked above).
        var model = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 1f, beta: 0.5f, neighbors: 1));

        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);

        Assert.Equal([1], model.Graph.RowIndices(0).ToArray());
        Assert.Equal([2], model.Graph.RowIndices(3).ToArray());
    }

    [Fact]
    public void Scores_are_the_user_row_times_W_without_seen_items()
    {
        var model = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 1f, beta: 0.5f, neighbors: 10));
        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);

        // u4 = {2, 3}: item 0 scores W20 + W30 = (5/24)/√3 = 0.120, item 1 scores W21 + W31 = 2 (1/6)/√3 = 0.192.
        var top = model.Recommend(4, k: 10);

        Assert.Equal([1, 0], top.Select(s => s.Item));
        Assert.Equal(1f / 3 / Sqrt3, top[0].Score, 1e-6);
        Assert.Equal(5f / 24 / Sqrt3, top[1].Score, 1e-6);
        // Folding in the same items is the same computation (binarised: repeats and weights do not count).
        Assert.Equal(top, model.RecommendFromItems([3, 2], [], k: 10));
        Assert.Equal(top, model.RecommendFromItems([3, 2, 3], [5f, 1f, 1f], k: 10));
        Assert.Equal([0], model.Recommend(4, 10, [1]).Select(s => s.Item));
    }

    [Fact]
    public void Similar_items_follow_the_row_of_W()
    {
        var model = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 1f, beta: 0.5f, neighbors: 10));
        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);

        var similar = model.SimilarItems(3, 10);

        // Row 3 has edges to 2 (5/24) and 1 (0.096) only; never itself.
        Assert.Equal([2, 1], similar.Select(s => s.Item));
        Assert.Equal(5f / 24, similar[0].Score, 1e-6);
        Assert.Equal([2], model.SimilarItems(3, 1).Select(s => s.Item));
        Assert.Empty(model.SimilarItems(3, 0));
    }

    [Fact]
    public void Save_then_load_recommends_identically()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 8, itemsPerGroup: 7, seed: 8);
        var model = new Rp3BetaRecommender(new Rp3BetaOptions(alpha: 0.7f, beta: 0.55f, neighbors: 5));
        model.Fit(train, TestContext.Current.CancellationToken);
        using var artifacts = new ArtifactRoundTrip();
        model.Save(artifacts.Writer);
        var parameters = JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web);

        var loaded = Rp3BetaRecommender.Load(artifacts.Reader(), train, parameters);

        Assert.Equal(model.Options, loaded.Options);
        for (var u = 0; u < train.UserCount; u++)
            Assert.Equal(model.Recommend(u, 5, [1]), loaded.Recommend(u, 5, [1]));
        Assert.Equal(model.RecommendFromItems([3, 9], [], 6), loaded.RecommendFromItems([3, 9], [], 6));
        for (var i = 0; i < train.ItemCount; i++)
            Assert.Equal(model.SimilarItems(i, 6), loaded.SimilarItems(i, 6));
    }

    [Fact]
    public void Load_refuses_a_graph_of_the_wrong_size()
    {
        var model = new Rp3BetaRecommender();
        model.Fit(WorkedExample(), TestContext.Current.CancellationToken);
        using var artifacts = new ArtifactRoundTrip();
        model.Save(artifacts.Writer);
        var parameters = JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web);
        var (other, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 4, itemsPerGroup: 5, seed: 1);

        var error = Assert.Throws<ModelArtifactException>(() => Rp3BetaRecommender.Load(artifacts.Reader(), other, parameters));
        Assert.Contains("graph_row_pointers", error.Message);
    }

    [Fact]
    public void Cancellation_stops_fitting()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 8, itemsPerGroup: 30, seed: 8);
        var model = new Rp3BetaRecommender();
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(train, source.Token));
        Assert.Throws<InvalidOperationException>(() => model.Interactions);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rp3BetaOptions(alpha: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rp3BetaOptions(beta: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rp3BetaOptions(neighbors: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rp3BetaOptions() with { Alpha = float.NaN });
        Assert.Equal(new Rp3BetaOptions(alpha: 0.7f, beta: 0.55f, neighbors: 1000),
            JsonSerializer.Deserialize<Rp3BetaOptions>("""{"alpha":0.7,"beta":0.55,"neighbors":1000}""", JsonSerializerOptions.Web));
    }

    private static float[,] Dense(CsrMatrix graph)
    {
        var dense = new float[graph.RowCount, graph.ColumnCount];
        for (var i = 0; i < graph.RowCount; i++)
        {
            var columns = graph.RowIndices(i);
            var values = graph.RowValues(i);
            for (var e = 0; e < columns.Length; e++)
                dense[i, columns[e]] = values[e];
        }
        return dense;
    }

    private static float[,] ReferenceGraph(InteractionMatrix matrix, Rp3BetaOptions options)
    {
        int users = matrix.UserCount, items = matrix.ItemCount;
        var x = new double[users, items];
        for (var u = 0; u < users; u++)
        {
            var columns = matrix.ItemsOf(u);
            var values = matrix.WeightsOf(u);
            for (var e = 0; e < columns.Length; e++)
                x[u, columns[e]] = values[e];
        }
        var userDegree = new double[users];
        var itemCount = new double[items];
        for (var u = 0; u < users; u++)
        {
            for (var i = 0; i < items; i++)
            {
                userDegree[u] += x[u, i];
                itemCount[i] += x[u, i] > 0 ? 1 : 0;
            }
        }
        var w = new float[items, items];
        for (var i = 0; i < items; i++)
        {
            for (var j = 0; j < items; j++)
            {
                if (i == j)
                    continue;
                double sum = 0;
                for (var u = 0; u < users; u++)
                {
                    if (x[u, i] > 0 && x[u, j] > 0)
                        sum += Math.Pow(1 / itemCount[i], options.Alpha) * Math.Pow(x[u, j] / userDegree[u], options.Alpha);
                }
                w[i, j] = (float)(sum / Math.Pow(itemCount[j], options.Beta));
            }
        }
        return w;
    }
}
