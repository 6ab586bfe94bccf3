using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Recommender.Api.Experiments;
using Recommender.Api.Hosting;
using Recommender.Api.Serving;
using Recommender.Ensemble.Data.Synthetic;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.Storage;

namespace Recommender.Benchmarks.Exposures;

/// <summary>
/// Exposure logging into PostgreSQL while the service serves. The real host (RecommenderApp, its hosted
/// ExposureLog and PostgreSQL store) serves synthetic data on 127.0.0.1 to in-process HTTP clients; each answer
/// logs its exposure as in production. The HTTP path alone produces far fewer exposures than the log can take on
/// a small machine, so a feeder enqueues synthetic exposures into the same hosted log as fast as it accepts them
/// without spilling (it keeps the queue under half full). Phases of <c>seconds</c> each:
/// <list type="number">
/// <item>serving only: HTTP requests/s and latency, the baseline;</item>
/// <item>serving while feeding: HTTP requests/s and latency, and exposures/s landed in PostgreSQL, measured as
/// the growth of the exposures table's row count over the phase (rows counted, not enqueues).</item>
/// </list>
/// Finally the log is drained and the table must hold exactly one row per answer and per fed exposure.
/// </summary>
public static class ServingExposureBenchmark
{
    private const string ExperimentsJson = """
        {
          "placements": { "default": "home-ranker" },
          "feature_management": { "feature_flags": [
            { "id": "home-ranker", "enabled": true,
              "variants": [ { "name": "blend", "configuration_value": { "strategy": "weighted", "models": ["als", "sar"], "weights": { "als": 0.6, "sar": 0.4 }, "normalization": "zscore", "rules": "default" } } ],
              "allocation": { "default_when_enabled": "blend" } } ] }
        }
        """;

    public static async Task<int> RunAsync(string connectionString, string? dataFolder, bool useWrk, int seconds, int clients, int httpRate, int batchSize, TextWriter output)
    {
        var schema = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(connectionString, $"CREATE SCHEMA {schema}");
        var root = Directory.CreateTempSubdirectory("exposure-serving-bench-").FullName;
        try
        {
            var data = dataFolder is null ? Path.Combine(root, "data") : Path.GetFullPath(dataFolder);
            if (dataFolder is null)
                new SyntheticGenerator(new SyntheticOptions(Users: 5_000, Items: 2_000, Interactions: 100_000, Seed: 5)).WriteTo(data);
            await File.WriteAllTextAsync(Path.Combine(root, "experiments.json"), ExperimentsJson);
            var app = RecommenderApp.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Recommender:DataPath"] = data,
                ["Recommender:ModelsPath"] = Path.Combine(root, "models"),
                ["Recommender:Models"] = "popularity,sar,als",
                ["Recommender:SimilarItemsModel"] = "sar",
                ["Recommender:ExperimentsPath"] = Path.Combine(root, "experiments.json"),
                ["Recommender:RulesPath"] = Path.Combine(RepositoryRoot(), "data", "rules"),
                ["Recommender:ExperimentsDatabase"] = Path.Combine(root, "experiments.db"),
                ["Recommender:Exposures:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ConnectionStrings:Experiments"] = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString,
            });
            await using (app)
            {
                await app.StartAsync();
                await app.Services.GetRequiredService<ModelStore>().WhenReady.WaitAsync(TimeSpan.FromMinutes(5));
                var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
                var users = app.Services.GetRequiredService<ModelStore>().Serving!.Dataset.Interactions.Users;
                var log = app.Services.GetRequiredService<ExposureLogHost>().Log;
                var store = app.Services.GetRequiredService<IExperimentStore>();
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(address) };
                var wrkScript = Path.Combine(root, "recommend.lua");
                if (useWrk)
                    await File.WriteAllTextAsync(wrkScript, WrkLoad.Script(users));
                Func<TimeSpan, Task<HttpPhase>> serve = useWrk
                    ? duration => WrkLoad.RunAsync(address, wrkScript, clients, httpRate, duration)
                    : duration => ServeAsync(http, users, clients, httpRate, duration);
                output.WriteLine($"serving {data} at {address} to {clients} {(useWrk ? "wrk connections (-t2)" : "in-process HTTP clients")}, " +
                    $"{(httpRate > 0 ? $"paced to {httpRate} requests/s" : "each sending as fast as answered")}; {Environment.ProcessorCount} cores; phases of {seconds} s");

                var warmUp = await serve(TimeSpan.FromSeconds(3));
                var servingOnly = await serve(TimeSpan.FromSeconds(seconds));
                output.WriteLine($"serving only:    {servingOnly}");

                await log.DrainAsync();
                var rowsBefore = await store.CountExposuresAsync();
                var clock = Stopwatch.StartNew();
                using var stopFeeding = new CancellationTokenSource();
                var feeding = FeedAsync(log, stopFeeding.Token);
                var whileLogging = await serve(TimeSpan.FromSeconds(seconds));
                var rowsAfter = await store.CountExposuresAsync();
                var elapsed = clock.Elapsed.TotalSeconds;
                await stopFeeding.CancelAsync();
                var fed = await feeding;
                var landedPerSecond = (rowsAfter - rowsBefore) / elapsed;
                output.WriteLine($"while logging:   {whileLogging}");
                output.WriteLine($"exposures landed in PostgreSQL: {rowsAfter - rowsBefore:N0} rows in {elapsed:F1} s = {landedPerSecond:N0}/s " +
                    $"(fed {fed:N0} synthetic + {whileLogging.Answers:N0} served; batch {batchSize}; spilled {log.Spilled:N0}; queue now {log.QueueLength:N0})");

                await log.DrainAsync();
                // Every answer (warm-up included) and every fed exposure, once.
                var expected = warmUp.Answers + servingOnly.Answers + whileLogging.Answers + fed;
                var stored = await store.CountExposuresAsync();
                // wrk does not count the requests in flight when it stops, which the service still answered and logged.
                var complete = useWrk ? stored >= expected && stored <= expected + 3L * clients : stored == expected;
                output.WriteLine($"after drain: {stored:N0} rows, expected {expected:N0} ({warmUp.Answers + servingOnly.Answers + whileLogging.Answers:N0} answers + {fed:N0} fed); " +
                    $"written {log.Written:N0}, already stored {log.AlreadyStored:N0}, spilled {log.Spilled:N0}, rejected {log.Rejected:N0}");
                BenchmarkReport.WriteJsonLine(new
                {
                    suite = "exposures-while-serving",
                    exposuresPerSecond = Math.Round(landedPerSecond),
                    httpRpsServingOnly = Math.Round(servingOnly.PerSecond, 1),
                    httpRpsWhileLogging = Math.Round(whileLogging.PerSecond, 1),
                    httpP99MsServingOnly = Math.Round(servingOnly.P99Ms, 2),
                    httpP99MsWhileLogging = Math.Round(whileLogging.P99Ms, 2),
                    spilled = log.Spilled,
                    rowsAfterDrain = stored,
                    rowsExpected = expected,
                    seconds,
                    clients,
                    httpRate,
                    httpLoad = useWrk ? "wrk" : "in-process",
                    data = dataFolder ?? "synthetic 5000 users x 2000 items",
                    batchSize,
                    cores = Environment.ProcessorCount,
                });
                await app.StopAsync();
                if (!complete)
                    output.WriteLine($"ROWS DO NOT MATCH: {stored:N0} stored, {expected:N0} expected");
                return complete ? 0 : 1;
            }
        }
        finally
        {
            await ExecuteAsync(connectionString, $"DROP SCHEMA {schema} CASCADE");
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Synthetic exposures into the hosted log, as fast as it takes them without spilling; how many.</summary>
    private static async Task<long> FeedAsync(ExposureLog log, CancellationToken stop)
    {
        await Task.Yield();
        var synthetic = new SyntheticExposures($"fed-{Guid.NewGuid():N}-");
        const int HighWater = 50_000;
        long fed = 0;
        while (!stop.IsCancellationRequested)
        {
            if (log.QueueLength >= HighWater)
            {
                await Task.Delay(1, CancellationToken.None);
                continue;
            }
            for (var i = 0; i < 1_000; i++)
                log.Enqueue(synthetic.Get(fed++));
        }
        return fed;
    }

    /// <summary>
    /// Clients posting recommendation requests for <paramref name="duration"/>: back to back, or, with
    /// <paramref name="rate"/> &gt; 0, each on its share of that many requests/s (a steady load, as in production).
    /// </summary>
    private static async Task<HttpPhase> ServeAsync(HttpClient http, Recommender.Ensemble.Data.IdMap users, int clients, int rate, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var interval = rate > 0 ? TimeSpan.FromSeconds((double)clients / rate) : TimeSpan.Zero;
        var latencies = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = new List<double>();
            var due = interval * c / clients;
            for (var i = c; clock.Elapsed < duration; i += clients)
            {
                if (due > clock.Elapsed)
                    await Task.Delay(due - clock.Elapsed);
                due += interval;
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/v1/recommendations", new { userId = users[i % users.Count], k = 10 });
                response.EnsureSuccessStatusCode();
                await response.Content.LoadIntoBufferAsync();
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
            return mine;
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new HttpPhase(all.Length, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Recommender.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("Recommender.sln not found above the working directory or the binaries.");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
