using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Ensemble.Scoring;

namespace Recommender.Api.Serving;

/// <summary>
/// The service's scorers: one <see cref="EmbeddingScorerFactory"/> for the process (CUDA is probed once, each
/// fallback logged once) and, per model, a factory that applies that model's precision and wraps large catalogs in a
/// <see cref="MicroBatchingScorer"/>. Models loaded or trained by the service take <see cref="For"/>(their name).
/// Disposed with the host: batching scorers stop, scoring what is queued first.
/// </summary>
public sealed class ServingScorers : IAsyncDisposable
{
    private readonly EmbeddingScorerFactory _devices;
    private readonly MicroBatchingOptions _microBatching;
    private readonly ConcurrentQueue<MicroBatchingScorer> _batching = new();

    public ServingScorers(IOptions<ScoringSettings> settings, ScoringMetrics metrics, ILogger<EmbeddingScorerFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings.Value;
        Metrics = metrics;
        _devices = new EmbeddingScorerFactory(Settings.ToScoringOptions(), logger);
        _microBatching = Settings.ToMicroBatching();
    }

    public ScoringSettings Settings { get; }

    public ScoringMetrics Metrics { get; }

    /// <summary>The scorer factory of model <paramref name="model"/> (a preset name such as als or content).</summary>
    public IEmbeddingScorerFactory For(string model) => new ModelScorers(this, model);

    public async ValueTask DisposeAsync()
    {
        while (_batching.TryDequeue(out var scorer))
            await scorer.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class ModelScorers(ServingScorers owner, string model) : IEmbeddingScorerFactory
    {
        public IEmbeddingScorer Create(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension, ScoringPrecision? precision = null)
        {
            var scorer = owner._devices.Create(itemEmbeddings, itemCount, dimension, precision ?? owner.Settings.PrecisionOf(model));
            if (!owner.Settings.MicroBatches(itemCount))
                return scorer;
            var batching = new MicroBatchingScorer(scorer, owner._microBatching, owner.Metrics, model);
            owner._batching.Enqueue(batching);
            return batching;
        }
    }
}
