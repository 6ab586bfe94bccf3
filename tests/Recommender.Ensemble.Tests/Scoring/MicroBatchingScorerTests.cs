using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

/// <summary>
/// <see cref="MicroBatchingScorer"/>: batched answers equal the undecorated scorer's, batches really form (seen through
/// the batch-size instrument, with a delay long enough that only a full batch or a stop can close one, so nothing
/// depends on timing), cancellation and failures reach exactly the callers they concern, and stopping flushes.
/// </summary>
public sealed class MicroBatchingScorerTests : IDisposable
{
    private const int Items = 1001; // not a multiple of the 16-item tile
    private const int Dim = 33;     // not a multiple of any vector width
    private static readonly TimeSpan LongDelay = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly float[] _matrix = NaiveTopK.RandomMatrix(new Random(5), Items * Dim);
    private readonly CpuEmbeddingScorer _plain;
    private readonly ScoringMeasurements _measurements = new();

    public MicroBatchingScorerTests()
    {
        _plain = new CpuEmbeddingScorer(_matrix, Items, Dim);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_concurrent_callers_get_what_the_plain_scorer_gives_each_of_them()
    {
        const int callers = 96;
        const int maxBatch = 16;
        await using var batching = new MicroBatchingScorer(_plain, new MicroBatchingOptions { Delay = LongDelay, MaxBatchSize = maxBatch },
            _measurements.Metrics, "als");
        var random = new Random(17);
        var queries = Enumerable.Range(0, callers).Select(_ => NaiveTopK.RandomMatrix(random, Dim)).ToArray();
        // Caller c excludes every item ≡ c (mod 9) through the "seen" list and item c through the other.
        var seen = Enumerable.Range(0, callers).Select(c => Enumerable.Range(0, Items).Where(i => i % 9 == c % 9).ToArray()).ToArray();
        var excluded = Enumerable.Range(0, callers).Select(c => new[] { c }).ToArray();

        var answers = await Task.WhenAll(Enumerable.Range(0, callers).Select(c =>
            Task.Run(() => batching.TopKAsync(queries[c], 10, seen[c], excluded[c], Cancel).AsTask(), Cancel))).WaitAsync(Deadline, Cancel);

        for (var c = 0; c < callers; c++)
        {
            var expected = NaiveTopK.Compute(_matrix, Items, Dim, queries[c], 10, seen[c].Concat(excluded[c]).ToHashSet());
            NaiveTopK.AssertMatches(expected, answers[c]);
            Assert.Equal(_plain.TopK(queries[c], 10, new ExclusionFilter(seen[c], excluded[c])), answers[c]);
        }
        // 60 s of delay: a batch closes only when full, so 96 callers make exactly six batches of 16.
        Assert.Equal(Enumerable.Repeat(maxBatch, callers / maxBatch), _measurements.BatchSizes);
        Assert.Equal(callers, _measurements.QueueWaits.Length);
    }

    [Fact]
    public async Task Callers_asking_for_different_k_are_scored_in_separate_batched_calls_of_one_round()
    {
        await using var batching = new MicroBatchingScorer(_plain, new MicroBatchingOptions { Delay = LongDelay, MaxBatchSize = 4 },
            _measurements.Metrics);
        var random = new Random(3);
        var queries = Enumerable.Range(0, 4).Select(_ => NaiveTopK.RandomMatrix(random, Dim)).ToArray();
        int[] ks = [5, 7, 5, 7];

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(c => batching.TopKAsync(queries[c], ks[c], default, default, Cancel).AsTask()))
            .WaitAsync(Deadline, Cancel);

        for (var c = 0; c < 4; c++)
            NaiveTopK.AssertMatches(NaiveTopK.Compute(_matrix, Items, Dim, queries[c], ks[c], new HashSet<int>()), answers[c]);
        Assert.Equal([2, 2], _measurements.BatchSizes);
    }

    [Fact]
    public async Task A_caller_cancelled_while_queued_is_cancelled_at_once_and_leaves_its_slot_to_others()
    {
        await using var batching = new MicroBatchingScorer(_plain, new MicroBatchingOptions { Delay = LongDelay, MaxBatchSize = 2 },
            _measurements.Metrics);
        var random = new Random(8);
        var (a, b, c) = (NaiveTopK.RandomMatrix(random, Dim), NaiveTopK.RandomMatrix(random, Dim), NaiveTopK.RandomMatrix(random, Dim));
        using var cancelA = new CancellationTokenSource();

        var first = batching.TopKAsync(a, 10, default, default, cancelA.Token).AsTask();
        await cancelA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Deadline, Cancel));
        var second = batching.TopKAsync(b, 10, default, default, Cancel).AsTask();
        var third = batching.TopKAsync(c, 10, default, default, Cancel).AsTask();
        var answers = await Task.WhenAll(second, third).WaitAsync(Deadline, Cancel);

        NaiveTopK.AssertMatches(NaiveTopK.Compute(_matrix, Items, Dim, b, 10, new HashSet<int>()), answers[0]);
        NaiveTopK.AssertMatches(NaiveTopK.Compute(_matrix, Items, Dim, c, 10, new HashSet<int>()), answers[1]);
        // The cancelled caller held no slot: the batch that closed when full was the two live callers.
        Assert.Equal([2], _measurements.BatchSizes);
    }

    [Fact]
    public async Task A_caller_cancelled_while_its_batch_runs_is_cancelled_at_once_and_the_others_get_their_results()
    {
        using var gate = new ManualResetEventSlim();
        var probe = new ProbeScorer(_plain) { Gate = gate };
        await using var batching = new MicroBatchingScorer(probe, new MicroBatchingOptions { Delay = LongDelay, MaxBatchSize = 2 },
            _measurements.Metrics);
        var random = new Random(9);
        var (a, b) = (NaiveTopK.RandomMatrix(random, Dim), NaiveTopK.RandomMatrix(random, Dim));
        using var cancelA = new CancellationTokenSource();

        var first = batching.TopKAsync(a, 10, default, default, cancelA.Token).AsTask();
        var second = batching.TopKAsync(b, 10, default, default, Cancel).AsTask();
        Assert.True(probe.BatchStarted.Wait(Deadline, Cancel));
        await cancelA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Deadline, Cancel));
        Assert.False(second.IsCompleted);
        gate.Set();

        NaiveTopK.AssertMatches(NaiveTopK.Compute(_matrix, Items, Dim, b, 10, new HashSet<int>()), await second.WaitAsync(Deadline, Cancel));
        Assert.Equal([2], _measurements.BatchSizes);
    }

    [Fact]
    public async Task A_failing_batch_fails_every_caller_of_that_batch_and_the_next_batch_is_served()
    {
        var probe = new ProbeScorer(_plain) { FailNextBatches = 1 };
        await using var batching = new MicroBatchingScorer(probe, new MicroBatchingOptions { Delay = LongDelay, MaxBatchSize = 3 },
            _measurements.Metrics);
        var random = new Random(10);
        var queries = Enumerable.Range(0, 6).Select(_ => NaiveTopK.RandomMatrix(random, Dim)).ToArray();

        var failing = Enumerable.Range(0, 3).Select(c => batching.TopKAsync(queries[c], 10, default, default, Cancel).AsTask()).ToArray();
        foreach (var call in failing)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call.WaitAsync(Deadline, Cancel));
            Assert.Equal("injected scoring failure", error.Message);
        }
        var next = await Task.WhenAll(Enumerable.Range(3, 3).Select(c => batching.TopKAsync(queries[c], 10, default, default, Cancel).AsTask()))
            .WaitAsync(Deadline, Cancel);

        for (var c = 3; c < 6; c++)
            NaiveTopK.AssertMatches(NaiveTopK.Compute(_matrix, Items, Dim, queries[c], 10, new HashSet<int>()), next[c - 3]);
    }

    [Fact]
    public async Task Zero_delay_scores_on_the_callers_thread_without_batching()
    {
        await using var batching = new MicroBatchingScorer(_plain, MicroBatchingOptions.Off, _measurements.Metrics);
        var query = NaiveTopK.RandomMatrix(new Random(11), Dim);
        int[] seen = [1, 2, 3];

        var call = batching.TopKAsync(query, 10, seen, default, Cancel);

        Assert.True(call.IsCompletedSuccessfully);
        Assert.Equal(_plain.TopK(query, 10, new ExclusionFilter(seen)), await call);
        Assert.Empty(_measurements.BatchSizes);
    }

    [Fact]
    public async Task Stopping_scores_the_queued_callers_at_once_then_refuses_new_ones_and_disposes_the_scorer()
    {
        var probe = new ProbeScorer(_plain);
        var batching = new MicroBatchingScorer(probe, new MicroBatchingOptions { Delay = LongDelay, MaxBatchSize = 10 }, _measurements.Metrics);
        var random = new Random(12);
        var queries = Enumerable.Range(0, 3).Select(_ => NaiveTopK.RandomMatrix(random, Dim)).ToArray();
        var queued = queries.Select(q => batching.TopKAsync(q, 10, default, default, Cancel).AsTask()).ToArray();

        // Three callers in a batch of ten with a minute to wait: only the stop closes it.
        await batching.DisposeAsync().AsTask().WaitAsync(Deadline, Cancel);

        for (var c = 0; c < 3; c++)
            NaiveTopK.AssertMatches(NaiveTopK.Compute(_matrix, Items, Dim, queries[c], 10, new HashSet<int>()), await queued[c]);
        Assert.Equal([3], _measurements.BatchSizes);
        Assert.True(probe.Disposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batching.TopKAsync(queries[0], 10, default, default, Cancel).AsTask());
    }

    [Fact]
    public void Options_refuse_negative_delays_and_empty_batches()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicroBatchingOptions { Delay = TimeSpan.FromTicks(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicroBatchingOptions { MaxBatchSize = 0 });
        Assert.False(MicroBatchingOptions.Off.Enabled);
        Assert.True(new MicroBatchingOptions().Enabled);
    }

    public void Dispose() => _measurements.Dispose();
}
