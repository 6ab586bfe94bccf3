using System.Diagnostics.Metrics;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Experiments.Tests.Exposures;

/// <summary>The exposure log's decisions, against a store whose failures are scripted.</summary>
public sealed class ExposureLogBehaviourTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly List<ExposureLog> _logs = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string SpoolDirectory => _folder.File("spool");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var log in _logs)
            await log.DisposeAsync();
        _folder.Dispose();
    }

    private ExposureLog NewLog(ScriptedExposureStore store, Func<ExposureLogOptions, ExposureLogOptions>? adjust = null, Meter? meter = null)
    {
        var options = new ExposureLogOptions(SpoolDirectory)
        {
            BatchSize = 100,
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
            RecoveryProbeInterval = TimeSpan.FromMilliseconds(20),
        };
        var log = new ExposureLog(store, adjust is null ? options : adjust(options), meter: meter);
        _logs.Add(log);
        return log;
    }

    [Fact]
    public async Task A_batch_committed_but_reported_failed_is_not_written_twice()
    {
        var store = new ScriptedExposureStore { CommitThenFailOnce = true };
        var log = NewLog(store);

        foreach (var exposure in Samples.Exposures("r", 100))
            log.Enqueue(exposure);
        await log.StartAsync(Ct);
        await log.DrainAsync(Ct);

        // The retry finds all 100 stored: they count as already stored, none is inserted again.
        Assert.Equal(100, store.StoredCount);
        Assert.Equal(100, store.Inserts);
        Assert.Equal(0, log.Written);
        Assert.Equal(100, log.AlreadyStored);
        Assert.Equal(2, store.Calls);
    }

    [Fact]
    public async Task An_exposure_the_database_refuses_is_set_aside_and_the_rest_stored()
    {
        var store = new ScriptedExposureStore { Refuses = e => e.RequestId == "r-5" };
        var log = NewLog(store);

        foreach (var exposure in Samples.Exposures("r", 10))
            log.Enqueue(exposure);
        await log.StartAsync(Ct);
        await log.DrainAsync(Ct);

        Assert.Equal(9, store.StoredCount);
        Assert.False(store.Contains("r-5"));
        Assert.Equal(1, log.Rejected);
        Assert.Equal(9, log.Written);
        var rejected = await File.ReadAllLinesAsync(Path.Combine(SpoolDirectory, "rejected-exposures.jsonl"), Ct);
        Assert.Single(rejected);
        Assert.Contains("\"requestId\":\"r-5\"", rejected[0]);
    }

    [Fact]
    public async Task While_the_database_fails_batches_go_straight_to_the_spool()
    {
        var store = new ScriptedExposureStore { Down = true };
        var log = NewLog(store, o => o with { RecoveryProbeInterval = TimeSpan.FromHours(1) });
        await log.StartAsync(Ct);

        foreach (var exposure in Samples.Exposures("r", 1_000))
            log.Enqueue(exposure);
        await Eventually.TrueAsync(() => log.Spilled == 1_000, "all exposures to be spilled");

        // One batch tried three times (two retries); then no call until the probe, an hour away.
        Assert.Equal(3, store.Calls);
        Assert.Equal(1, log.FailedWrites);
        Assert.Equal(1_000, log.SpoolPending);
    }

    [Fact]
    public async Task The_log_recovers_by_itself_when_the_database_comes_back()
    {
        var store = new ScriptedExposureStore { Down = true };
        var log = NewLog(store);
        await log.StartAsync(Ct);
        foreach (var exposure in Samples.Exposures("r", 500))
            log.Enqueue(exposure);
        await Eventually.TrueAsync(() => log.Spilled == 500, "all exposures to be spilled");

        store.Down = false;
        await log.DrainAsync(Ct);

        Assert.Equal(500, store.StoredCount);
        Assert.Equal(500, store.Inserts);
        Assert.Equal(500, log.Replayed);
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }

    [Fact]
    public async Task A_shutdown_deadline_spills_what_a_hanging_database_did_not_take()
    {
        var store = new ScriptedExposureStore { Hang = true };
        var log = NewLog(store);
        foreach (var exposure in Samples.Exposures("r", 1_000))
            log.Enqueue(exposure);
        await log.StartAsync(Ct);
        await Eventually.TrueAsync(() => store.Calls >= 1, "the first write to start");

        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await log.StopAsync(deadline.Token);
        await log.DisposeAsync();
        Assert.Equal(1_000, log.Spilled);
        Assert.Equal(0, store.StoredCount);

        store.Hang = false;
        var next = NewLog(store);
        await next.StartAsync(Ct);
        await next.DrainAsync(Ct);
        Assert.Equal(1_000, store.StoredCount);
        Assert.Equal(1_000, next.Replayed);
    }

    [Fact]
    public async Task A_line_cut_short_by_a_crash_is_skipped_and_the_rest_replayed()
    {
        var store = new ScriptedExposureStore();
        var first = NewLog(store, o => o with { QueueCapacity = 1 });
        foreach (var exposure in Samples.Exposures("r", 3))
            first.Enqueue(exposure); // not started: one queued, two spooled
        await first.StopAsync(Ct); // never started: the queued one is spooled too
        await first.DisposeAsync();
        var segment = Assert.Single(SpoolFiles.Segments(SpoolDirectory));
        await File.AppendAllTextAsync(segment, """{"requestId":"r-torn","ti""", Ct);

        var next = NewLog(store);
        Assert.Equal(4, next.SpoolPending);
        await next.StartAsync(Ct);
        await next.DrainAsync(Ct);

        Assert.Equal(3, store.StoredCount);
        Assert.Equal(3, next.Replayed);
        Assert.Equal(0, next.SpoolPending);
        Assert.Empty(SpoolFiles.Segments(SpoolDirectory));
    }

    [Fact]
    public void A_spool_folder_serves_one_log_at_a_time()
    {
        var store = new ScriptedExposureStore();
        NewLog(store);

        var error = Assert.Throws<InvalidOperationException>(() => NewLog(store));

        Assert.Contains("in use", error.Message);
    }

    [Fact]
    public async Task After_dispose_the_log_refuses_exposures()
    {
        var log = NewLog(new ScriptedExposureStore());
        await log.DisposeAsync();

        Assert.False(log.TryEnqueue(Samples.Exposure("r1")));
        Assert.Throws<InvalidOperationException>(() => log.Enqueue(Samples.Exposure("r2")));
    }

    [Fact]
    public void An_exposure_that_could_never_be_stored_is_refused_with_every_reason()
    {
        var log = NewLog(new ScriptedExposureStore());
        var bad = Samples.Exposure("r1") with { UserId = "", Items = [new ExposedItem("i1", 1, float.NaN)], Variant = "a\0b" };

        var error = Assert.Throws<ArgumentException>(() => log.TryEnqueue(bad));

        Assert.Contains("UserId is empty", error.Message);
        Assert.Contains("Items[0].Score is not finite", error.Message);
        Assert.Contains("Variant contains a NUL character", error.Message);
        Assert.Equal(0, log.Accepted);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExposureLogOptions("spool") { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExposureLogOptions("spool") { QueueCapacity = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExposureLogOptions("spool") { MaxRetryAttempts = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExposureLogOptions("spool") { RetryBaseDelay = TimeSpan.Zero });
        Assert.Throws<ArgumentException>(() => new ExposureLogOptions(" "));
    }

    [Fact]
    public async Task Counts_are_published_as_metrics()
    {
        var store = new ScriptedExposureStore();
        // A meter of this test's own: other tests' logs publish under the same meter name at the same time.
        using var meter = new Meter(ExposureLog.MeterName);
        var log = NewLog(store, meter: meter);
        foreach (var exposure in Samples.Exposures("r", 42))
            log.Enqueue(exposure);
        await log.StartAsync(Ct);
        await log.DrainAsync(Ct);
        var observed = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => observed[instrument.Name] = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(42, observed["exposures.accepted"]);
        Assert.Equal(42, observed["exposures.written"]);
        Assert.Equal(0, observed["exposures.spilled"]);
        Assert.Equal(0, observed["exposures.queued"]);
    }
}
