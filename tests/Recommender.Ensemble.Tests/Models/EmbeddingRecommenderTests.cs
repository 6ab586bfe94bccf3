using Recommender.Ensemble.Data;
using Recommender.Ensemble.Data.Synthetic;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;
using Recommender.Ensemble.Tests.Scoring;

namespace Recommender.Ensemble.Tests.Models;

/// <summary>
/// ALS and content loaded with a scorer factory that micro-batches: their asynchronous entries, awaited concurrently,
/// answer exactly what the same saved model answers synchronously on the plain CPU scorer.
/// </summary>
public sealed class EmbeddingRecommenderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "embedding-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ScoringMeasurements _measurements = new();

    public void Dispose()
    {
        _measurements.Dispose();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("als")]
    [InlineData("content")]
    public async Task Async_recommendations_through_micro_batches_equal_the_synchronous_ones(string preset)
    {
        var cancel = TestContext.Current.CancellationToken;
        var folder = Path.Combine(_root, "data");
        new SyntheticGenerator(new SyntheticOptions(Users: 120, Items: 150, Interactions: 3_000, Seed: 3)).WriteTo(folder, cancellationToken: cancel);
        var dataset = DatasetLoader.Load(folder, cancellationToken: cancel).Dataset;
        var plain = ModelPresets.Create(preset);
        plain.Fit(new TrainingData(dataset.Interactions, dataset.Catalog), cancel);
        new ModelRegistry(Path.Combine(_root, "models"), ModelPresets.Kinds).Publish(preset, plain, dataset.Fingerprint());
        var scorers = new BatchingFactory(_measurements.Metrics);
        var (_, loaded) = new ModelRegistry(Path.Combine(_root, "models"), ModelPresets.KindsScoringWith(_ => scorers)).Load(preset);
        var model = Assert.IsAssignableFrom<IEmbeddingRecommender>(loaded);
        int[] exclude = [2, 4, 8];
        int[][] histories = [[0, 3, 5], [7], [10, 11, 12, 13]];

        // Every call is queued before any is awaited; batches of 8 close when full, the rest when the scorers stop.
        var known = Enumerable.Range(0, plain.Interactions.UserCount).Select(u => model.RecommendAsync(u, 10, exclude, cancel).AsTask()).ToArray();
        var folded = histories.Select(h => model.RecommendFromItemsAsync(h, 10, exclude, cancel).AsTask()).ToArray();
        await scorers.DisposeAsync();
        var knownAnswers = await Task.WhenAll(known);
        var foldedAnswers = await Task.WhenAll(folded);

        for (var u = 0; u < knownAnswers.Length; u++)
            Assert.Equal(plain.Recommend(u, 10, exclude), knownAnswers[u]);
        for (var h = 0; h < histories.Length; h++)
            Assert.Equal(plain.RecommendFromItems(histories[h], [], 10, exclude), foldedAnswers[h]);
        Assert.Equal("cpu", model.Placement.Device);
        // A non-empty answer went through a batch; users without an opinion answer empty without scoring (a scored
        // call can still be empty when everything is excluded), so the batches hold between the two counts.
        var calls = knownAnswers.Length + foldedAnswers.Length;
        var nonEmpty = knownAnswers.Concat(foldedAnswers).Count(a => a.Length > 0);
        Assert.InRange(_measurements.BatchSizes.Sum(), nonEmpty, calls);
        Assert.Contains(8, _measurements.BatchSizes);
    }

    /// <summary>The exact CPU scorer behind a micro-batching one with a minute's delay, so only full batches or a stop close them.</summary>
    private sealed class BatchingFactory(ScoringMetrics metrics) : IEmbeddingScorerFactory, IAsyncDisposable
    {
        private readonly EmbeddingScorerFactory _devices = new(new ScoringOptions { Device = ScoringDevice.Cpu });
        private readonly List<MicroBatchingScorer> _made = [];

        public IEmbeddingScorer Create(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension, ScoringPrecision? precision = null)
        {
            var scorer = new MicroBatchingScorer(_devices.Create(itemEmbeddings, itemCount, dimension, precision),
                new MicroBatchingOptions { Delay = TimeSpan.FromSeconds(60), MaxBatchSize = 8 }, metrics);
            _made.Add(scorer);
            return scorer;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var scorer in _made)
                await scorer.DisposeAsync();
        }
    }
}
