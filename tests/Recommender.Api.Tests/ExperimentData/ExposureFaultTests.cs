using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Recommender.Api.Apis;
using Recommender.Api.Tests.Postgres;

namespace Recommender.Api.Tests.ExperimentData;

/// <summary>
/// Issue 4's fault test, through the real host and a real PostgreSQL: under concurrent recommendation load the
/// database is stopped for 10 s and started again, or the service is stopped gracefully; afterwards the stored
/// exposures are exactly the answers the clients received: as many rows, the same request ids, none twice.
/// </summary>
[Collection(ApiPostgresOutages.Name)]
public sealed class ExposureFaultTests(TestPostgres postgres)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private const int Clients = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_10_s_database_outage_under_load_loses_and_duplicates_no_exposure()
    {
        TestPostgres.Require();
        await using var service = new PostgresRunningService(postgres)
        {
            // Probe for recovery often, so the test's drain does not wait out the default second.
            Settings = new Dictionary<string, string?> { ["Recommender:Exposures:RecoveryProbeInterval"] = "00:00:00.200" },
        };
        await service.InitializeAsync();
        await using var load = new RecommendationLoad(service, Clients);

        await load.WaitForAnswersAsync(300);
        await postgres.StopAsync(Cancel);
        var atOutage = load.Answered;
        await Task.Delay(Outage, Cancel); // the prescribed outage, not a synchronisation
        var duringOutage = load.Answered - atOutage;
        await postgres.StartAsync(Cancel);
        await load.WaitForAnswersAsync(load.Answered + 300);
        var served = await load.StopAsync();
        await service.ExposureLog.DrainAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(2), Cancel);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"answers {served.Count}, {duringOutage} of them during the outage; exposures spooled {service.ExposureLog.Spilled}");
        Assert.Empty(load.Failures);
        Assert.True(duringOutage > 0, "No answer was served while the database was down: the request path waited on it.");
        Assert.True(service.ExposureLog.Spilled > 0, "Nothing was spooled: the outage did not reach the exposure log.");
        await AssertStoredExactlyAsync(service, served);
    }

    [Fact]
    public async Task A_graceful_stop_under_load_stores_every_answer_before_the_store_closes()
    {
        TestPostgres.Require();
        await using var service = new PostgresRunningService(postgres);
        await service.InitializeAsync();
        await using var load = new RecommendationLoad(service, Clients);

        await load.WaitForAnswersAsync(500);
        load.ExpectRefusals();
        await service.StopAsync(); // clients keep sending until the server refuses them
        var served = await load.StopAsync();

        TestContext.Current.TestOutputHelper?.WriteLine($"answers {served.Count} before the server stopped taking requests");
        Assert.Equal(0, service.ExposureLog.SpoolPending);
        Assert.Equal(0, service.ExposureLog.QueueLength);
        await AssertStoredExactlyAsync(service, served);
    }

    private static async Task AssertStoredExactlyAsync(RunningService service, IReadOnlyCollection<string> served)
    {
        Assert.Equal(served.Count, served.Distinct().Count());
        Assert.Equal(served.Count, await service.ExperimentStore.CountExposuresAsync(cancellationToken: Cancel));
        // Equal counts and every answer found: the rows are exactly the answers (request ids are the key).
        var missing = new List<string>();
        foreach (var requestId in served)
        {
            if (await service.ExperimentStore.FindExposureAsync(requestId, Cancel) is null)
                missing.Add(requestId);
        }
        Assert.Empty(missing);
    }

    /// <summary>Clients posting recommendation requests back to back until stopped, keeping each answer's requestId.</summary>
    private sealed class RecommendationLoad : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> _answered = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _clients;
        private readonly Recommender.Ensemble.Data.IdMap _users;
        private readonly int _clientCount;
        private readonly HttpClient _http;
        private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _refusalsExpected;

        public RecommendationLoad(RunningService service, int clients)
        {
            _users = service.Store.Serving!.Dataset.Interactions.Users;
            _http = service.Client;
            _clientCount = clients;
            _clients = Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c))).ToArray();
        }

        public int Answered => _answered.Count;

        /// <summary>The server is being stopped: a refused connection ends a client instead of failing the test.</summary>
        public void ExpectRefusals() => _refusalsExpected = true;

        /// <summary>Answers that were not 200 (the server refusing connections after a stop does not count).</summary>
        public ConcurrentQueue<string> Failures { get; } = new();

        public async Task WaitForAnswersAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (Answered < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Only {Answered} of {count} answers within the deadline.");
                Assert.Empty(Failures);
                var progress = Volatile.Read(ref _progress).Task;
                if (Answered < count)
                    await progress.WaitAsync(TimeSpan.FromSeconds(5), Cancel).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        /// <summary>Stops the clients after their current request; the requestIds of every answer received.</summary>
        public async Task<IReadOnlyCollection<string>> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_clients);
            return [.. _answered];
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task ClientAsync(int client)
        {
            for (var i = client; !_stop.IsCancellationRequested; i += _clientCount)
            {
                HttpResponseMessage response;
                try
                {
                    // Never cancelled half-way: the server would have served (and logged) an answer nobody counted.
                    response = await _http.PostAsJsonAsync("/v1/recommendations", new { userId = _users[i % _users.Count], k = 10 }, CancellationToken.None);
                }
                catch (HttpRequestException e)
                {
                    // After a stop the server takes no more requests: nothing more to count.
                    if (!_refusalsExpected)
                        Failures.Enqueue(e.Message);
                    return;
                }
                using (response)
                {
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                        continue;
                    }
                    RecommendationResponse? answer;
                    try
                    {
                        answer = await response.Content.ReadFromJsonAsync<RecommendationResponse>(CancellationToken.None);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException)
                    {
                        return; // cut off mid-body: the client never saw this answer
                    }
                    _answered.Enqueue(answer!.RequestId);
                    Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
        }
    }
}
