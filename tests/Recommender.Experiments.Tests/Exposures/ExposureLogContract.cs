using Recommender.Experiments.Exposures;
using Recommender.Experiments.Storage;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Experiments.Tests.Exposures;

/// <summary>
/// The exposure log against a real store, SQLite and PostgreSQL by the subclasses, which also say how to take the
/// database away and give it back.
/// </summary>
public abstract class ExposureLogContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected TempFolder Folder { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected string SpoolDirectory => Folder.File("spool");

    /// <summary>A store on this test's database (the same one at every call).</summary>
    protected abstract Task<IExperimentStore> OpenNewStoreAsync();

    /// <summary>Until <see cref="RestoreDatabaseAsync"/>, every write fails.</summary>
    protected abstract Task BreakDatabaseAsync();

    protected abstract Task RestoreDatabaseAsync();

    /// <summary>Whether the store can be read while broken (a locked SQLite file can; a stopped server cannot).</summary>
    protected abstract bool ReadableWhileBroken { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
            await _owned[i].DisposeAsync();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<IExperimentStore> OpenStoreAsync()
    {
        var store = await OpenNewStoreAsync();
        _owned.Add(store);
        return store;
    }

    protected ExposureLog NewLog(IExposureStore store, Func<ExposureLogOptions, ExposureLogOptions>? adjust = null)
    {
        var options = new ExposureLogOptions(SpoolDirectory)
        {
            BatchSize = 500,
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
            RecoveryProbeInterval = TimeSpan.FromMilliseconds(100),
        };
        var log = new ExposureLog(store, adjust is null ? options : adjust(options));
        _owned.Add(log);
        return log;
    }

    private static async Task EnqueueConcurrentlyAsync(ExposureLog log, string prefix, int producers, int perProducer)
    {
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            foreach (var exposure in Samples.Exposures($"{prefix}-{p}", perProducer))
                Assert.True(log.TryEnqueue(exposure));
        }, Ct)));
    }

    [Fact]
    public async Task Every_exposure_lands_exactly_once()
    {
        var store = await OpenStoreAsync();
        var log = NewLog(store);
        await log.StartAsync(Ct);

        await EnqueueConcurrentlyAsync(log, "r", producers: 4, perProducer: 2_500);
        await log.DrainAsync(Ct);

        Assert.Equal(10_000, await store.CountExposuresAsync(cancellationToken: Ct));
        Assert.Equal(10_000, log.Accepted);
        Assert.Equal(10_000, log.Written);
        Assert.Equal(0, log.AlreadyStored);
        Assert.Equal(0, log.Spilled);
        Assert.Equal(0, log.QueueLength);
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }

    [Fact]
    public async Task A_full_queue_overflows_to_the_spool_and_nothing_is_lost()
    {
        var store = await OpenStoreAsync();
        var log = NewLog(store, o => o with { QueueCapacity = 10, BatchSize = 100 });

        // Not started yet: the queue takes 10, the request path spools the other 290 (each fsync'd, as no
        // loop runs yet to do it later); replay then stores them in batches of 100.
        foreach (var exposure in Samples.Exposures("r", 300))
            Assert.True(log.TryEnqueue(exposure));
        Assert.Equal(10, log.QueueLength);
        Assert.Equal(290, log.Spilled);
        await log.StartAsync(Ct);
        await log.DrainAsync(Ct);

        Assert.Equal(300, await store.CountExposuresAsync(cancellationToken: Ct));
        Assert.Equal(300, log.Written);
        Assert.Equal(290, log.Replayed);
        Assert.Equal(0, log.SpoolPending);
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }

    [Fact]
    public async Task Exposures_spooled_while_the_database_is_down_are_replayed_once_it_is_back()
    {
        var store = await OpenStoreAsync();
        var log = NewLog(store);
        await log.StartAsync(Ct);
        await EnqueueConcurrentlyAsync(log, "before", producers: 1, perProducer: 1_000);
        await log.DrainAsync(Ct);

        await BreakDatabaseAsync();
        try
        {
            await EnqueueConcurrentlyAsync(log, "during", producers: 3, perProducer: 1_000);
            await Eventually.TrueAsync(() => log.Spilled == 3_000, "all 3 000 exposures to be spilled");
            Assert.True(log.FailedWrites >= 1);
            Assert.Equal(3_000, log.SpoolPending);
            if (ReadableWhileBroken)
                Assert.Equal(1_000, await store.CountExposuresAsync(cancellationToken: Ct));
        }
        finally
        {
            await RestoreDatabaseAsync();
        }
        await log.DrainAsync(Ct);

        Assert.Equal(4_000, await store.CountExposuresAsync(cancellationToken: Ct));
        Assert.Equal(4_000, log.Accepted);
        Assert.Equal(4_000, log.Written);
        Assert.Equal(3_000, log.Replayed);
        Assert.Equal(0, log.AlreadyStored);
        Assert.Equal(0, log.SpoolPending);
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }

    [Fact]
    public async Task An_outage_under_load_loses_nothing_and_writes_nothing_twice()
    {
        var store = await OpenStoreAsync();
        var log = NewLog(store);
        await log.StartAsync(Ct);
        using var stop = new CancellationTokenSource();
        var sent = new int[2];
        // Two producers at about 5 000 exposures/s each, until the database has been back a while.
        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(async () =>
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            while (!stop.IsCancellationRequested)
            {
                foreach (var exposure in Samples.Exposures($"p{p}-t{sent[p]}", 50))
                    Assert.True(log.TryEnqueue(exposure));
                sent[p] += 50;
                await pace.WaitForNextTickAsync(Ct);
            }
        }, Ct)).ToArray();

        await Eventually.TrueAsync(() => log.Written >= 2_000, "writes before the outage");
        await BreakDatabaseAsync();
        try
        {
            await Eventually.TrueAsync(() => log.Spilled >= 2_000, "spills during the outage");
        }
        finally
        {
            await RestoreDatabaseAsync();
        }
        var spilledDuringOutage = log.Spilled;
        await Eventually.TrueAsync(() => log.Replayed >= spilledDuringOutage, "the outage's exposures to be replayed");
        await stop.CancelAsync();
        await Task.WhenAll(producers);
        await log.DrainAsync(Ct);

        var total = sent.Sum();
        Assert.Equal(total, log.Accepted);
        Assert.Equal(total, await store.CountExposuresAsync(cancellationToken: Ct));
        // A batch in flight when the database went away may have committed unseen: it is found stored, not doubled.
        Assert.Equal(total, log.Written + log.AlreadyStored);
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }

    [Fact]
    public async Task Stopping_gracefully_mid_load_loses_nothing()
    {
        var store = await OpenStoreAsync();
        var log = NewLog(store);
        await log.StartAsync(Ct);
        var stopAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
        {
            var exposures = Samples.Exposures($"p{p}", 10_000);
            for (var i = 0; i < exposures.Length; i++)
            {
                Assert.True(log.TryEnqueue(exposures[i]));
                if (i == 2_500)
                    stopAfter.TrySetResult();
            }
        }, Ct)).ToArray();

        await stopAfter.Task;
        await log.StopAsync(Ct); // producers keep going meanwhile: what comes after the stop is spooled
        await Task.WhenAll(producers);
        await log.DisposeAsync();
        var storedByFirstRun = await store.CountExposuresAsync(cancellationToken: Ct);

        var next = NewLog(store);
        await next.StartAsync(Ct);
        await next.DrainAsync(Ct);

        Assert.Equal(20_000, log.Accepted);
        Assert.Equal(storedByFirstRun, log.Written);
        Assert.Equal(20_000, log.Written + next.Written);
        Assert.Equal(0, log.AlreadyStored + next.AlreadyStored);
        Assert.Equal(20_000, await store.CountExposuresAsync(cancellationToken: Ct));
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }

    [Fact]
    public async Task Stopping_while_the_database_is_down_leaves_the_exposures_to_the_next_start()
    {
        var store = await OpenStoreAsync();
        var log = NewLog(store);
        await log.StartAsync(Ct);

        await BreakDatabaseAsync();
        try
        {
            await EnqueueConcurrentlyAsync(log, "r", producers: 2, perProducer: 1_000);
            await log.StopAsync(Ct);
            await log.DisposeAsync();
        }
        finally
        {
            await RestoreDatabaseAsync();
        }
        Assert.Equal(2_000, log.Spilled);
        Assert.Equal(0, log.Written);

        var next = NewLog(store);
        Assert.Equal(2_000, next.SpoolPending);
        await next.StartAsync(Ct);
        await next.DrainAsync(Ct);

        Assert.Equal(2_000, await store.CountExposuresAsync(cancellationToken: Ct));
        Assert.Equal(2_000, next.Replayed);
        Assert.Equal(2_000, next.Written);
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }
}
