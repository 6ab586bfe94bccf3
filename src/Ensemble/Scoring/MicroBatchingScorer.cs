using System.Diagnostics;
using System.Threading.Channels;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Gathers concurrent <see cref="TopKAsync"/> calls into one <see cref="IEmbeddingScorer.TopKBatch"/> of the scorer it
/// decorates, the way Triton's dynamic batcher does: a batch is scored when it holds
/// <see cref="MicroBatchingOptions.MaxBatchSize"/> queries or when its oldest query has waited
/// <see cref="MicroBatchingOptions.Delay"/>. Batched scoring reads the item matrix once for the whole batch, so when
/// scanning the catalog dominates a request, many concurrent requests cost little more than one.
/// <para>
/// One dispatcher task per scorer takes queries from a channel and scores batch after batch; while it scores, the
/// next batch fills, so under load batches form without waiting. Callers wait on their own
/// <see cref="TaskCompletionSource{TResult}"/>, never on a thread. A caller that cancels gets its cancellation at once;
/// its query leaves the batch if the batch has not started, and its result is discarded otherwise; the other
/// callers are unaffected. When the batched call throws, every caller of that batch gets the exception.
/// Queries with different k go to separate batched calls of the same round.
/// </para>
/// <para>
/// The synchronous <see cref="TopK"/> and <see cref="TopKBatch"/> go straight to the decorated scorer (evaluation,
/// similar items). With a zero delay <see cref="TopKAsync"/> does too: micro-batching is off.
/// Disposing stops taking queries, scores those already queued, then disposes the decorated scorer, which this
/// decorator owns.
/// </para>
/// </summary>
public sealed class MicroBatchingScorer : IEmbeddingScorer, IAsyncDisposable, IDisposable
{
    private readonly IEmbeddingScorer _inner;
    private readonly ScoringMetrics? _metrics;
    private readonly KeyValuePair<string, object?> _modelTag;
    private readonly long _delayTicks;
    private readonly Channel<PendingQuery> _queue =
        Channel.CreateUnbounded<PendingQuery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _dispatcher;

    // Touched by the dispatcher only: the one outstanding wait for queries, kept across loop turns so that the
    // single-reader channel never has two waiters.
    private Task<bool>? _arrival;
    private int _disposed;

    /// <param name="inner">The scorer to batch for; owned (disposed with this one).</param>
    /// <param name="model">The <c>model</c> tag of this scorer's measurements.</param>
    public MicroBatchingScorer(IEmbeddingScorer inner, MicroBatchingOptions options, ScoringMetrics? metrics = null, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        Options = options;
        _metrics = metrics;
        _modelTag = new KeyValuePair<string, object?>("model", model ?? "unnamed");
        _delayTicks = (long)(options.Delay.TotalSeconds * Stopwatch.Frequency);
        _dispatcher = options.Enabled ? Task.Run(DispatchAsync) : Task.CompletedTask;
    }

    public MicroBatchingOptions Options { get; }

    /// <summary>The decorated scorer.</summary>
    public IEmbeddingScorer Inner => _inner;

    public int ItemCount => _inner.ItemCount;

    public int Dimension => _inner.Dimension;

    public string Device => _inner.Device;

    public ScoringPlacement Placement => _inner.Placement;

    public ScoredItem[] TopK(ReadOnlySpan<float> query, int k, ExclusionFilter exclude) => _inner.TopK(query, k, exclude);

    public ScoredItem[][] TopKBatch(ReadOnlySpan<float> queries, int k, ExclusionSelector? exclusions = null) =>
        _inner.TopKBatch(queries, k, exclusions);

    public ValueTask<ScoredItem[]> TopKAsync(ReadOnlyMemory<float> query, int k, ReadOnlyMemory<int> sortedSeen, ReadOnlyMemory<int> sortedExclude,
        CancellationToken cancellationToken = default)
    {
        if (!Options.Enabled)
            return _inner.TopKAsync(query, k, sortedSeen, sortedExclude, cancellationToken);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        QueryBatch.ValidateQuery(query.Span, Dimension);
        cancellationToken.ThrowIfCancellationRequested();

        var pending = new PendingQuery(query, k, sortedSeen, sortedExclude, Stopwatch.GetTimestamp());
        pending.WatchCancellation(cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
            pending.Fail(new ObjectDisposedException(nameof(MicroBatchingScorer), "The scorer was disposed while the query was submitted."));
        return new ValueTask<ScoredItem[]>(pending.Task);
    }

    /// <summary>Stops taking queries, scores every query already queued, then disposes the decorated scorer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _queue.Writer.TryComplete();
        await _dispatcher.ConfigureAwait(false);
        switch (_inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>, waiting for the queued queries to be scored.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task DispatchAsync()
    {
        var batch = new List<PendingQuery>(Options.MaxBatchSize);
        // Ends when the writer is completed (dispose) and every queued query has been taken.
        while (await NextArrival().ConfigureAwait(false))
        {
            Take(batch);
            if (batch.Count == 0)
                continue;
            await GatherAsync(batch).ConfigureAwait(false);
            Score(batch);
            batch.Clear();
        }
    }

    /// <summary>Waits until the batch is full, its oldest live query has waited the delay, or the scorer stops.</summary>
    private async Task GatherAsync(List<PendingQuery> batch)
    {
        while (true)
        {
            // Cancelled callers give up their slot, so they neither fill the batch nor set its deadline.
            DropCancelled(batch);
            Take(batch);
            if (batch.Count >= Options.MaxBatchSize || batch.Count == 0)
                return;
            var remaining = _delayTicks - (Stopwatch.GetTimestamp() - batch[0].EnqueuedAt);
            if (remaining <= 0)
                return;
            var arrival = NextArrival();
            if (arrival.IsCompleted)
            {
                if (!arrival.Result)
                    return; // stopping: score what is queued now
                continue;
            }
            if (remaining >= Stopwatch.Frequency / 1000)
            {
                using var timeout = new CancellationTokenSource();
                var delay = Task.Delay(TimeSpan.FromSeconds(remaining / (double)Stopwatch.Frequency), timeout.Token);
                await Task.WhenAny(arrival, delay).ConfigureAwait(false);
                await timeout.CancelAsync().ConfigureAwait(false);
            }
            else
            {
                // Timers tick in milliseconds: a sub-millisecond rest is waited by yielding on this one dispatcher
                // (at most the delay per batch), never by a thread per request.
                await Task.Yield();
            }
        }
    }

    private Task<bool> NextArrival()
    {
        if (_arrival is null || _arrival.IsCompleted)
            _arrival = _queue.Reader.WaitToReadAsync().AsTask();
        return _arrival;
    }

    /// <summary>Moves queued queries into the batch up to its capacity; queries cancelled while queued are dropped.</summary>
    private void Take(List<PendingQuery> batch)
    {
        while (batch.Count < Options.MaxBatchSize && _queue.Reader.TryRead(out var pending))
        {
            if (pending.Task.IsCompleted)
                pending.Release();
            else
                batch.Add(pending);
        }
    }

    private static void DropCancelled(List<PendingQuery> batch)
    {
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (batch[i].Task.IsCompleted)
            {
                batch[i].Release();
                batch.RemoveAt(i);
            }
        }
    }

    private void Score(List<PendingQuery> batch)
    {
        DropCancelled(batch);
        while (batch.Count > 0)
        {
            // Usually one round: every caller of a model asks for the same pool size.
            var k = batch[0].K;
            var group = batch.FindAll(p => p.K == k);
            batch.RemoveAll(p => p.K == k);
            ScoreGroup(group, k);
        }
    }

    private void ScoreGroup(List<PendingQuery> group, int k)
    {
        var dimension = Dimension;
        var queries = new float[group.Count * dimension];
        for (var i = 0; i < group.Count; i++)
            group[i].Query.Span.CopyTo(queries.AsSpan(i * dimension, dimension));

        var started = Stopwatch.GetTimestamp();
        if (_metrics is not null)
        {
            foreach (var pending in group)
                _metrics.QueueWait.Record(Stopwatch.GetElapsedTime(pending.EnqueuedAt, started).TotalSeconds, _modelTag);
        }
        ScoredItem[][] results;
        try
        {
            results = _inner.TopKBatch(queries, k, q => new ExclusionFilter(group[q].Seen.Span, group[q].Exclude.Span));
        }
        catch (Exception e)
        {
            // Whatever the scorer throws belongs to every caller of the batch; the dispatcher itself carries on.
            foreach (var pending in group)
                pending.Fail(e);
            return;
        }
        if (_metrics is not null)
        {
            _metrics.BatchSize.Record(group.Count, _modelTag);
            _metrics.BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _modelTag);
        }
        for (var i = 0; i < group.Count; i++)
            group[i].Complete(results[i]);
    }

    /// <summary>One caller's query and the task it waits on.</summary>
    private sealed class PendingQuery(ReadOnlyMemory<float> query, int k, ReadOnlyMemory<int> seen, ReadOnlyMemory<int> exclude, long enqueuedAt)
        : TaskCompletionSource<ScoredItem[]>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        private CancellationTokenRegistration _cancellation;

        public ReadOnlyMemory<float> Query { get; } = query;
        public int K { get; } = k;
        public ReadOnlyMemory<int> Seen { get; } = seen;
        public ReadOnlyMemory<int> Exclude { get; } = exclude;
        public long EnqueuedAt { get; } = enqueuedAt;

        public void WatchCancellation(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
                _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((PendingQuery)state!).TrySetCanceled(token), this);
        }

        /// <summary>A result for a caller that has cancelled meanwhile is discarded (TrySetResult is then a no-op).</summary>
        public void Complete(ScoredItem[] result)
        {
            TrySetResult(result);
            Release();
        }

        public void Fail(Exception error)
        {
            TrySetException(error);
            Release();
        }

        public void Release() => _cancellation.Dispose();
    }
}
