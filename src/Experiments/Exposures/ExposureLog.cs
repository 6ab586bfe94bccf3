using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Recommender.Experiments.Storage;

namespace Recommender.Experiments.Exposures;

/// <summary>
/// Logs exposures without making the request path wait on the database. <see cref="TryEnqueue"/> puts the
/// exposure in a bounded in-memory queue; one background loop writes the queue to the store in batches. A batch
/// that fails is retried with exponential backoff (Polly), then spilled to a local append-only spool (fsync'd),
/// and while the database keeps failing, batches go straight to the spool, with a probe write now and then. Once
/// a write succeeds again, the spool is replayed in order. When the queue is full, or the log is stopping, the
/// request path appends to the spool itself. Every write is idempotent by request id, so a batch whose commit
/// was reported as failed but happened is not stored twice when replayed.
/// <para>
/// <see cref="StopAsync"/> writes what is queued and replays the spool while the database takes it; what it
/// cannot write stays in the spool and is replayed by the next start on the same folder. Nothing accepted is
/// lost unless the machine loses power within the OS's write-back window (the in-memory queue itself does not
/// survive a process crash).
/// </para>
/// </summary>
public sealed class ExposureLog : IAsyncDisposable
{
    /// <summary>Name of the <see cref="Meter"/> the log's instruments are on.</summary>
    public const string MeterName = "Recommender.Experiments.ExposureLog";

    private readonly IExposureStore _store;
    private readonly ExposureLogOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<Exposure> _queue;
    private readonly ExposureSpool _spool;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _abort = new();
    private readonly Meter? _ownMeter;
    private readonly Lock _lifecycle = new();
    private readonly List<TaskCompletionSource> _drainWaiters = [];
    private TaskCompletionSource _wake = NewSignal();
    private Task? _loop;
    private bool _stopping;
    private bool _disposed;

    // Database health as the loop sees it; only the loop touches these.
    private bool _degraded;
    private DateTimeOffset _probeDue;

    // The replay position: the segment being read and the batch read from it but not yet stored.
    private SpoolSegmentReader? _replayReader;
    private List<Exposure>? _replayBatch;
    private int _replayBatchLines;

    private long _accepted;
    private long _written;
    private long _alreadyStored;
    private long _spilled;
    private long _replayed;
    private long _rejected;
    private long _failedWrites;

    /// <param name="meter">Where the counters are published: the host passes one from its IMeterFactory (and tests
    /// their own, so that logs living side by side are told apart); null for a meter of the log's own named
    /// <see cref="MeterName"/>, disposed with it.</param>
    public ExposureLog(IExposureStore store, ExposureLogOptions options, ILogger<ExposureLog>? logger = null, TimeProvider? timeProvider = null,
        Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _logger = logger ?? NullLogger<ExposureLog>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateBounded<Exposure>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _spool = ExposureSpool.Open(options.SpoolDirectory, options.SpoolSegmentBytes);
        _retry = BuildRetry(options, _timeProvider, _logger);
        if (meter is null)
            meter = _ownMeter = new Meter(MeterName);
        meter.CreateObservableCounter("exposures.accepted", () => Accepted, description: "Exposures the log took (queued or spooled).");
        meter.CreateObservableCounter("exposures.written", () => Written, description: "Exposures newly stored in the database.");
        meter.CreateObservableCounter("exposures.spilled", () => Spilled, description: "Exposures appended to the local spool.");
        meter.CreateObservableCounter("exposures.replayed", () => Replayed, description: "Spooled exposures stored on replay.");
        meter.CreateObservableCounter("exposures.rejected", () => Rejected, description: "Exposures the database refused for good (kept in rejected-exposures.jsonl).");
        meter.CreateObservableCounter("exposures.write_failures", () => FailedWrites, description: "Batch writes that failed after retries.");
        meter.CreateObservableUpDownCounter("exposures.queued", () => (long)QueueLength, description: "Exposures waiting in memory.");
        meter.CreateObservableUpDownCounter("exposures.spool_pending", () => SpoolPending, description: "Exposures waiting in the spool.");
        if (!_spool.IsEmpty)
            _logger.LogInformation("Exposure spool {Directory} holds {Count} exposures from a previous run; they will be replayed.", _spool.Directory, _spool.PendingRecords);
    }

    /// <summary>Exposures taken by <see cref="TryEnqueue"/> (into the queue or the spool).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Exposures newly stored (live or replayed).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Exposures the store already had (a retried or replayed batch that had been committed, or a repeated request id).</summary>
    public long AlreadyStored => Interlocked.Read(ref _alreadyStored);

    /// <summary>Exposures appended to the spool (failed batches, and the request path's overflow).</summary>
    public long Spilled => Interlocked.Read(ref _spilled);

    /// <summary>Spooled exposures confirmed in the database by replay.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Exposures the database refused for good; kept in the spool folder's rejected-exposures.jsonl.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Batch writes that failed after their retries (each one spilled or retried later).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Exposures waiting in memory.</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>Exposures waiting in the spool, including any left by a previous run.</summary>
    public long SpoolPending => _spool.PendingRecords;

    /// <summary>Starts the background writer; it first replays whatever a previous run left in the spool.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_stopping)
                throw new InvalidOperationException("The exposure log was stopped; create a new one.");
            _loop ??= Task.Run(RunAsync, CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes the exposure without waiting on the database: into the queue, or when the queue is full or the log
    /// is stopping, appended to the spool. False only when it could not be kept at all (the log is disposed, or
    /// the spool's disk failed); the caller should log that.
    /// </summary>
    /// <exception cref="ArgumentException">The exposure could never be stored (see <see cref="ExposureRules"/>).</exception>
    public bool TryEnqueue(Exposure exposure)
    {
        ExposureRules.Validate(exposure);
        if (Volatile.Read(ref _disposed))
            return false;
        if (_queue.Writer.TryWrite(exposure))
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }
        try
        {
            // Without a running loop nobody would fsync later, so the append does it now.
            var loopRunning = Volatile.Read(ref _loop) is { IsCompleted: false };
            _spool.Append([exposure], durable: !loopRunning);
            Interlocked.Increment(ref _spilled);
            Interlocked.Increment(ref _accepted);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _logger.LogError(e, "Exposure {RequestId} could not be queued or spooled.", exposure.RequestId);
            return false;
        }
    }

    /// <summary>As <see cref="TryEnqueue"/>, throwing when the exposure could not be kept.</summary>
    public void Enqueue(Exposure exposure)
    {
        if (!TryEnqueue(exposure))
            throw new InvalidOperationException($"Exposure {exposure.RequestId} could not be queued or spooled.");
    }

    /// <summary>
    /// Completes once every exposure accepted before the call is in the database (queue and spool empty). Waits
    /// through a database outage; cancel to stop waiting. Returns at once when the log is not running.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lifecycle)
        {
            if (_loop is null || _loop.IsCompleted)
                return;
            lock (_drainWaiters)
                _drainWaiters.Add(waiter);
        }
        Wake();
        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
            await waiter.Task;
    }

    /// <summary>
    /// Stops taking exposures into memory (later ones go to the spool), writes what is queued, and replays the
    /// spool while the database takes it. When the database is failing, or <paramref name="cancellationToken"/>
    /// fires (the host's shutdown deadline), the rest is spilled and left for the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? loop;
        lock (_lifecycle)
        {
            _stopping = true;
            _queue.Writer.TryComplete();
            loop = _loop;
        }
        if (loop is null)
        {
            SpillQueueWithoutLoop();
            return;
        }
        Wake();
        await using (cancellationToken.Register(() => _abort.Cancel()))
            await loop;
        _spool.Sync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        lock (_lifecycle)
        {
            if (_disposed)
                return;
            Volatile.Write(ref _disposed, true);
        }
        _replayReader?.Dispose();
        _spool.Dispose();
        _ownMeter?.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        var cancellation = _abort.Token;
        var live = new List<Exposure>(_options.BatchSize);
        while (true)
        {
            var wake = Volatile.Read(ref _wake).Task;
            try
            {
                var progressed = false;
                if (live.Count == 0)
                    await TakeBatchAsync(live, wake);
                if (live.Count > 0)
                {
                    if (await StoreOrSpillAsync(live, cancellation))
                        live.Clear();
                    progressed = true;
                }
                _spool.Sync();

                if (!cancellation.IsCancellationRequested && !_spool.IsEmpty && (!_degraded || ProbeDue))
                    progressed |= await ReplayStepAsync(cancellation);

                var idle = live.Count == 0 && _queue.Reader.Count == 0;
                if (idle && _spool.IsEmpty)
                    CompleteDrainWaiters();
                if (Volatile.Read(ref _stopping) && idle && _queue.Reader.Completion.IsCompleted
                    && (_spool.IsEmpty || _degraded || cancellation.IsCancellationRequested))
                    break;
                if (live.Count > 0 && cancellation.IsCancellationRequested)
                    break; // stopping for good and the spool refused the batch: logged below
                if (!progressed || (live.Count > 0 && _degraded))
                    await WaitForWorkAsync(wake, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Shutdown deadline: the next turn spills what is in memory.
            }
            catch (Exception e)
            {
                // The loop must outlive any single failure: what it holds is tried again on the next turn,
                // unless the shutdown deadline has passed, where trying again could spin.
                _logger.LogError(e, "Exposure log loop failed; retrying.");
                if (cancellation.IsCancellationRequested)
                    break;
                MarkDegraded();
                await WaitForWorkAsync(wake, cancellation);
            }
        }
        if (live.Count > 0)
            _logger.LogCritical("Exposure log stopped with {Count} exposures it could neither store nor spool.", live.Count);
        if (!_spool.IsEmpty)
            _logger.LogWarning("Exposure log stopped with {Count} exposures in the spool {Directory}; the next start replays them.", _spool.PendingRecords, _spool.Directory);
        CompleteDrainWaiters();
    }

    // Takes up to a batch from the queue; a partial batch waits up to MaxBatchDelay for more.
    private async Task TakeBatchAsync(List<Exposure> batch, Task wake)
    {
        Fill(batch);
        if (batch.Count > 0 && batch.Count < _options.BatchSize && _options.MaxBatchDelay > TimeSpan.Zero && !Volatile.Read(ref _stopping))
        {
            await Task.WhenAny(Task.Delay(_options.MaxBatchDelay, _timeProvider), wake);
            Fill(batch);
        }
    }

    private void Fill(List<Exposure> batch)
    {
        while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var exposure))
            batch.Add(exposure);
    }

    // True when the batch is stored or spooled (the caller may drop it).
    private async Task<bool> StoreOrSpillAsync(List<Exposure> batch, CancellationToken cancellation)
    {
        if (!cancellation.IsCancellationRequested && (!_degraded || ProbeDue)
            && await TryStoreAsync(batch, retry: !_degraded, cancellation))
            return true;
        try
        {
            _spool.Append(batch, durable: true);
            Interlocked.Add(ref _spilled, batch.Count);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Spilling {Count} exposures to {Directory} failed; holding them in memory.", batch.Count, _spool.Directory);
            MarkDegraded();
            return false;
        }
    }

    // Replays one batch of the oldest spool segment. True when it moved forward.
    private async Task<bool> ReplayStepAsync(CancellationToken cancellation)
    {
        if (_replayBatch is null)
        {
            if (_replayReader is null)
            {
                var segment = _spool.OldestSegment();
                if (segment is null)
                    return false;
                _replayReader = new SpoolSegmentReader(segment);
            }
            var unreadable = new List<string>();
            var batch = _replayReader.ReadBatch(_options.BatchSize, out var lines, unreadable);
            foreach (var line in unreadable)
                _logger.LogWarning("Skipping an unreadable spool line (cut short by a crash before it was synced): {Line}", line);
            if (lines == 0)
            {
                var finished = _replayReader.Path;
                _replayReader.Dispose();
                _replayReader = null;
                _spool.Remove(finished);
                return true;
            }
            _replayBatch = batch;
            _replayBatchLines = lines;
        }
        if (!await TryStoreAsync(_replayBatch, retry: !_degraded, cancellation))
            return false;
        Interlocked.Add(ref _replayed, _replayBatch.Count);
        _spool.Confirm(_replayBatchLines);
        _replayBatch = null;
        return true;
    }

    // Writes the batch (with retries unless the database is known to be failing). False: not stored, try later.
    private async Task<bool> TryStoreAsync(List<Exposure> batch, bool retry, CancellationToken cancellation)
    {
        if (batch.Count == 0)
            return true;
        try
        {
            var inserted = retry
                ? await _retry.ExecuteAsync(static (state, ct) => new ValueTask<int>(state.Store.AppendExposuresAsync(state.Batch, ct)), (Store: _store, Batch: batch), cancellation)
                : await _store.AppendExposuresAsync(batch, cancellation);
            Count(batch.Count, inserted);
            MarkHealthy();
            return true;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (StoreFailures.IsPermanent(e))
        {
            _logger.LogWarning(e, "The database refused a batch of {Count} exposures; storing them one by one to find the bad ones.", batch.Count);
            return await StoreOneByOneAsync(batch, cancellation);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failedWrites);
            if (!_degraded)
                _logger.LogWarning(e, "Writing {Count} exposures failed after retries; spooling until the database recovers.", batch.Count);
            MarkDegraded();
            return false;
        }
    }

    private async Task<bool> StoreOneByOneAsync(List<Exposure> batch, CancellationToken cancellation)
    {
        foreach (var exposure in batch)
        {
            try
            {
                Count(1, await _store.AppendExposuresAsync([exposure], cancellation));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (StoreFailures.IsPermanent(e))
            {
                _logger.LogError(e, "The database refused exposure {RequestId}; it is kept in the spool folder's rejected file.", exposure.RequestId);
                _spool.Reject(exposure);
                Interlocked.Increment(ref _rejected);
            }
            catch (Exception)
            {
                // The database itself failed half-way: the whole batch is tried again later (stored ones are skipped then).
                Interlocked.Increment(ref _failedWrites);
                MarkDegraded();
                return false;
            }
        }
        MarkHealthy();
        return true;
    }

    private void Count(int batch, int inserted)
    {
        Interlocked.Add(ref _written, inserted);
        Interlocked.Add(ref _alreadyStored, batch - inserted);
    }

    private bool ProbeDue => _timeProvider.GetUtcNow() >= _probeDue;

    private void MarkDegraded()
    {
        _degraded = true;
        _probeDue = _timeProvider.GetUtcNow() + _options.RecoveryProbeInterval;
    }

    private void MarkHealthy()
    {
        if (_degraded)
            _logger.LogInformation("The database takes exposures again; replaying {Count} spooled exposures.", _spool.PendingRecords);
        _degraded = false;
    }

    // Sleeps until exposures arrive, someone wakes the loop (drain, stop), or the next probe is due.
    private async Task WaitForWorkAsync(Task wake, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
            return;
        var waits = new List<Task>(3) { wake };
        if (!_queue.Reader.Completion.IsCompleted)
            waits.Add(_queue.Reader.WaitToReadAsync(cancellation).AsTask());
        if (_degraded)
        {
            var untilProbe = _probeDue - _timeProvider.GetUtcNow();
            waits.Add(untilProbe > TimeSpan.Zero ? Task.Delay(untilProbe, _timeProvider, cancellation) : Task.CompletedTask);
        }
        await Task.WhenAny(waits);
        if (_queue.Reader.Count > 0 && _degraded)
        {
            // While degraded, gather a full batch per spool append rather than fsync'ing a few at a time.
            await Task.WhenAny(Task.Delay(_options.MaxBatchDelay, _timeProvider, cancellation), wake);
        }
    }

    private void Wake() => Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void CompleteDrainWaiters()
    {
        lock (_drainWaiters)
        {
            foreach (var waiter in _drainWaiters)
                waiter.TrySetResult();
            _drainWaiters.Clear();
        }
    }

    // StopAsync before StartAsync: nothing will write the queue, so it goes to the spool for the next start.
    private void SpillQueueWithoutLoop()
    {
        var batch = new List<Exposure>();
        while (_queue.Reader.TryRead(out var exposure))
            batch.Add(exposure);
        if (batch.Count == 0)
            return;
        _spool.Append(batch, durable: true);
        Interlocked.Add(ref _spilled, batch.Count);
    }

    private static ResiliencePipeline BuildRetry(ExposureLogOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts == 0)
            return builder.Build();
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException && !StoreFailures.IsPermanent(e)),
            OnRetry = args =>
            {
                logger.LogDebug(args.Outcome.Exception, "Exposure batch write failed (attempt {Attempt}); retrying in {Delay}.", args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        }).Build();
    }
}
