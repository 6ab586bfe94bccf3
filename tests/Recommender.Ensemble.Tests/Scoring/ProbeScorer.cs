using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

/// <summary>
/// A real <see cref="CpuEmbeddingScorer"/> with fault and timing hooks for the micro-batching tests: a batched call
/// can be held at a gate (to cancel a caller while its batch runs) or fail a given number of times; disposal is
/// recorded.
/// </summary>
internal sealed class ProbeScorer(CpuEmbeddingScorer real) : IEmbeddingScorer, IDisposable
{
    private int _failuresLeft;

    /// <summary>Set when a batched call has started.</summary>
    public ManualResetEventSlim BatchStarted { get; } = new();

    /// <summary>When not null, batched calls wait for it before scoring.</summary>
    public ManualResetEventSlim? Gate { get; init; }

    public int FailNextBatches { init => _failuresLeft = value; }

    public bool Disposed { get; private set; }

    public int ItemCount => real.ItemCount;

    public int Dimension => real.Dimension;

    public string Device => real.Device;

    public ScoringPlacement Placement => real.Placement;

    public ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude) => real.TopK(query, k, exclude);

    public ScoredItem[][] TopKBatch(ReadOnlySpan<float> queries, int k, ExclusionSelector? exclusions = null)
    {
        BatchStarted.Set();
        Gate?.Wait(TimeSpan.FromSeconds(30));
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            throw new InvalidOperationException("injected scoring failure");
        return real.TopKBatch(queries, k, exclusions);
    }

    public void Dispose()
    {
        Disposed = true;
        BatchStarted.Dispose();
    }
}
