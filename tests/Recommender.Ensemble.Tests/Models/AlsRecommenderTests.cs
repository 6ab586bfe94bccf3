using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Numerics;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Tests.Models;

public class AlsRecommenderTests
{
    private static readonly AlsOptions SmallOptions = new(factors: 16, regularization: 0.1f, alpha: 2f, iterations: 10, threads: 2);

    [Fact]
    public void Fold_in_equals_the_exact_least_squares_solution()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 10, itemsPerGroup: 8, seed: 1);
        var model = new AlsRecommender(SmallOptions);
        model.Fit(train, progress: null, TestContext.Current.CancellationToken);
        int[] items = [1, 4, 9, 17];
        float[] weights = [1f, 3f, 0.5f, 2f];

        var expected = ExactUserFactor(model.ItemFactors.ToArray(), train.ItemCount, 16, 0.1, items, weights.Select(w => 2.0 * w).ToArray());
        var actual = model.FoldIn(items, weights);

        for (var d = 0; d < 16; d++)
            Assert.Equal(expected[d], actual[d], 1e-4 * (1 + Math.Abs(expected[d])));

        // The fold-in path scores that factor against every item, the given ones excluded.
        var recommended = model.RecommendFromItems(items, weights, k: 5);
        var itemFactors = model.ItemFactors.ToArray();
        var byExpectedScore = Enumerable.Range(0, train.ItemCount)
            .Where(i => !items.Contains(i))
            .Select(i => (Item: i, Score: Enumerable.Range(0, 16).Sum(d => expected[d] * itemFactors[i * 16 + d])))
            .OrderByDescending(x => x.Score)
            .ToArray();
        Assert.Equal(byExpectedScore.Take(5).Select(x => x.Item), recommended.Select(x => x.Item));
        for (var i = 0; i < 5; i++)
            Assert.Equal(byExpectedScore[i].Score, recommended[i].Score, 1e-4);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(10)]
    public void Conjugate_gradient_with_enough_steps_reaches_the_exact_solution(int f)
    {
        var random = new Random(f);
        const int items = 40;
        var y = Enumerable.Range(0, items * f).Select(_ => (float)random.NextDouble()).ToArray();
        int[] columns = [2, 5, 11, 12, 30, 39];
        float[] confidence = [3f, 1f, 0.5f, -2f, 7f, 1.5f];   // −2: preference 0 with confidence 2, as in implicit
        const float lambda = 0.3f;
        var gram = GramMatrix.Compute(y, items, f, new ParallelOptions());
        var system = gram.Select(g => (float)g).ToArray();
        for (var d = 0; d < f; d++)
            system[d * f + d] += lambda;
        var x = new float[f];   // cold start

        ImplicitLeastSquares.SolveRow(system, y, columns, confidence, x, steps: 3 * f, new ConjugateGradientScratch(f));

        var expected = ExactUserFactor(y, items, f, lambda, columns, confidence.Select(c => (double)c).ToArray());
        for (var d = 0; d < f; d++)
            Assert.Equal(expected[d], x[d], 2e-3 * (1 + Math.Abs(expected[d])));
    }

    [Fact]
    public void A_sweep_with_many_steps_solves_every_row_exactly_and_clears_empty_rows()
    {
        const int f = 8, items = 25, users = 6;
        var random = new Random(5);
        var y = Enumerable.Range(0, items * f).Select(_ => (float)random.NextDouble()).ToArray();
        var matrix = TestMatrices.From(users, items,
            (0, 1, 2f), (0, 7, 4f), (1, 3, 1f), (2, 0, 3f), (2, 24, 2f), (2, 13, 5f), (4, 9, 1.5f), (5, 2, 6f));
        var x = Enumerable.Range(0, users * f).Select(_ => 1f).ToArray();

        ImplicitLeastSquares.ConjugateGradientSweep(matrix.ByUser, x, y, f, 0.2f, steps: 40, new ParallelOptions { MaxDegreeOfParallelism = 2 });

        for (var u = 0; u < users; u++)
        {
            var expected = matrix.ItemsOf(u).IsEmpty
                ? new double[f]
                : ExactUserFactor(y, items, f, 0.2, matrix.ItemsOf(u).ToArray(), matrix.WeightsOf(u).ToArray().Select(w => (double)w).ToArray());
            for (var d = 0; d < f; d++)
                Assert.Equal(expected[d], x[u * f + d], 2e-3 * (1 + Math.Abs(expected[d])));
        }
    }

    [Fact]
    public void Recovers_a_planted_block_structure()
    {
        var (train, heldOut) = TestMatrices.PlantedBlocks(groups: 4, usersPerGroup: 30, itemsPerGroup: 10, seed: 11);
        // 16 factors could memorise 120 × 40 entries, zeros included; λ = 5 keeps the model to the structure.
        var model = new AlsRecommender(SmallOptions with { Regularization = 5f });
        model.Fit(train, progress: null, TestContext.Current.CancellationToken);

        // The held-out item is one of the user's unseen in-block items, which the planted structure cannot tell
        // apart; what it must do is rank them all above every item of the other blocks.
        var hits = TestMatrices.BlockHits(model, train, heldOut, usersPerGroup: 30, itemsPerGroup: 10);

        Assert.True(hits >= 0.95 * train.UserCount, $"held-out item beaten by another block's item for {train.UserCount - hits} of {train.UserCount} users");
    }

    [Fact]
    public void Exclusions_are_honoured()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 10, itemsPerGroup: 6, seed: 2);
        var model = new AlsRecommender(SmallOptions);
        model.Fit(train, progress: null, TestContext.Current.CancellationToken);

        TestMatrices.AssertExclusionsHonoured(model, train, exclude: [0, 11]);
        Assert.DoesNotContain(model.SimilarItems(4, 100), s => s.Item == 4);
    }

    [Fact]
    public void Similar_items_rank_by_cosine_of_item_factors()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 10, itemsPerGroup: 5, seed: 4);
        var model = new AlsRecommender(SmallOptions);
        model.Fit(train, progress: null, TestContext.Current.CancellationToken);
        var y = model.ItemFactors.ToArray();
        double Cosine(int a, int b)
        {
            double dot = 0, na = 0, nb = 0;
            for (var d = 0; d < 16; d++)
            {
                dot += y[a * 16 + d] * y[b * 16 + d];
                na += y[a * 16 + d] * y[a * 16 + d];
                nb += y[b * 16 + d] * y[b * 16 + d];
            }
            return dot / Math.Sqrt(na * nb);
        }

        var similar = model.SimilarItems(2, 4);

        var expected = Enumerable.Range(0, train.ItemCount).Where(i => i != 2).OrderByDescending(i => Cosine(2, i)).Take(4).ToArray();
        Assert.Equal(expected, similar.Select(s => s.Item));
        Assert.Equal(Cosine(2, expected[0]), similar[0].Score, 1e-5);
    }

    [Fact]
    public void Users_and_fold_ins_without_interactions_get_no_recommendations()
    {
        var matrix = TestMatrices.From(3, 4, (0, 1, 1f), (0, 2, 1f), (2, 3, 1f), (2, 1, 1f));
        var model = new AlsRecommender(new AlsOptions(factors: 4, iterations: 3));
        model.Fit(matrix, progress: null, TestContext.Current.CancellationToken);

        Assert.Empty(model.Recommend(1, 5));
        Assert.Empty(model.RecommendFromItems([], [], 5));
        Assert.NotEmpty(model.Recommend(0, 5));
    }

    [Fact]
    public void Save_then_load_recommends_identically()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 8, itemsPerGroup: 7, seed: 8);
        var model = new AlsRecommender(SmallOptions with { BinarizeWeights = true });
        model.Fit(train, progress: null, TestContext.Current.CancellationToken);
        var directory = Directory.CreateTempSubdirectory("als-test-");
        try
        {
            var writer = new ArtifactWriter(directory.FullName);
            model.Save(writer);
            var parameters = JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web);

            var loaded = AlsRecommender.Load(new ArtifactReader(directory.FullName, writer.Hashes), train, parameters);

            Assert.Equal(model.Options, loaded.Options);
            for (var u = 0; u < train.UserCount; u++)
                Assert.Equal(model.Recommend(u, 5, [1]), loaded.Recommend(u, 5, [1]));
            Assert.Equal(model.RecommendFromItems([3, 9], [2f, 1f], 6), loaded.RecommendFromItems([3, 9], [2f, 1f], 6));
            Assert.Equal(model.SimilarItems(5, 6), loaded.SimilarItems(5, 6));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_rejects_factors_of_the_wrong_shape()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 5, itemsPerGroup: 5, seed: 8);
        var model = new AlsRecommender(SmallOptions);
        model.Fit(train, progress: null, TestContext.Current.CancellationToken);
        var directory = Directory.CreateTempSubdirectory("als-test-");
        try
        {
            var writer = new ArtifactWriter(directory.FullName);
            model.Save(writer);
            var otherFactors = JsonSerializer.SerializeToElement(SmallOptions with { Factors = 8 }, JsonSerializerOptions.Web);

            Assert.Throws<ModelArtifactException>(() => AlsRecommender.Load(new ArtifactReader(directory.FullName, writer.Hashes), train, otherFactors));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Cancellation_stops_fitting_and_keeps_the_previous_state()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 10, itemsPerGroup: 6, seed: 3);
        var model = new AlsRecommender(SmallOptions);
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(train, progress: null, cancelled.Token));
            Assert.Throws<InvalidOperationException>(() => model.Interactions);
        }

        model.Fit(train, progress: null, TestContext.Current.CancellationToken);
        var before = model.Recommend(0, 5);
        using var source = new CancellationTokenSource();
        var reports = new List<AlsIterationProgress>();
        var progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            source.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(train, progress, source.Token));
        Assert.Equal([1], reports.Select(r => r.Iteration));
        Assert.Equal(before, model.Recommend(0, 5));
    }

    [Fact]
    public void Progress_is_reported_once_per_iteration()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 4, itemsPerGroup: 4, seed: 3);
        var reports = new List<AlsIterationProgress>();

        new AlsRecommender(SmallOptions with { Iterations = 4 }).Fit(train, new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Iteration));
        Assert.All(reports, r => Assert.Equal(4, r.Iterations));
    }

    [Fact]
    public void Options_are_validated_and_round_trip_through_json()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlsOptions(factors: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlsOptions(regularization: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlsOptions(alpha: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallOptions with { ConjugateGradientSteps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallOptions with { Threads = -1 });

        var json = JsonSerializer.Serialize(SmallOptions, JsonSerializerOptions.Web);
        Assert.Equal(SmallOptions, JsonSerializer.Deserialize<AlsOptions>(json, JsonSerializerOptions.Web));
        Assert.Equal(new AlsOptions(factors: 32), JsonSerializer.Deserialize<AlsOptions>("""{"factors":32}""", JsonSerializerOptions.Web));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<AlsOptions>("""{"factors":-3}""", JsonSerializerOptions.Web));
    }

    /// <summary>
    /// x = (YᵀY + λI + Σ_i (|c_i| − 1) y_i y_iᵀ)⁻¹ Σ_{c_i &gt; 0} c_i y_i in double, by the reference Gauss–Jordan solver.
    /// </summary>
    private static double[] ExactUserFactor(float[] y, int items, int f, double lambda, int[] columns, double[] confidence)
    {
        var a = new double[f * f];
        var b = new double[f];
        for (var i = 0; i < items; i++)
            AddOuter(a, y, i, f, 1.0);
        for (var d = 0; d < f; d++)
            a[d * f + d] += lambda;
        for (var e = 0; e < columns.Length; e++)
        {
            AddOuter(a, y, columns[e], f, Math.Abs(confidence[e]) - 1);
            if (confidence[e] > 0)
            {
                for (var d = 0; d < f; d++)
                    b[d] += confidence[e] * y[columns[e] * f + d];
            }
        }
        return ReferenceAlgebra.Solve(a, b);
    }

    private static void AddOuter(double[] a, float[] y, int row, int f, double scale)
    {
        for (var p = 0; p < f; p++)
        {
            for (var q = 0; q < f; q++)
                a[p * f + q] += scale * y[row * f + p] * y[row * f + q];
        }
    }

    private sealed class SynchronousProgress(Action<AlsIterationProgress> report) : IProgress<AlsIterationProgress>
    {
        public void Report(AlsIterationProgress value) => report(value);
    }
}
