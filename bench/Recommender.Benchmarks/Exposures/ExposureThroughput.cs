using System.Diagnostics;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.Storage;

namespace Recommender.Benchmarks.Exposures;

/// <summary>
/// How many exposures per second the exposure log writes into PostgreSQL (or SQLite). Two measurements on a fresh schema:
/// <list type="bullet">
/// <item>drain: <c>count</c> exposures queued before the log starts, then the time until all are stored;</item>
/// <item>sustained: producers enqueue at <c>rate</c>/s for <c>seconds</c> s while the log writes (as while
/// serving): the rate stored, the deepest the queue got, and whether anything had to be spilled.</item>
/// </list>
/// Exposures look like the service's: 10 items with scores, two model versions.
/// </summary>
public static class ExposureThroughput
{
    /// <summary>The same two phases into a fresh SQLite file (the embedded default store) in a temporary folder.</summary>
    public static async Task<int> RunOnSqliteAsync(int count, int rate, int seconds, int batchSize, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("exposure-bench-sqlite-").FullName;
        try
        {
            await using (var store = await SqliteExperimentStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "experiments.db"))))
            {
                await DrainAsync(store, Path.Combine(folder, "drain"), count, batchSize, output);
                await SustainedAsync(store, Path.Combine(folder, "sustained"), rate, seconds, batchSize, output);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<int> RunAsync(string connectionString, int count, int rate, int seconds, int batchSize, TextWriter output)
    {
        var schema = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(connectionString, $"CREATE SCHEMA {schema}");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema };
        var spool = Directory.CreateTempSubdirectory("exposure-bench-").FullName;
        try
        {
            await using var store = await PostgresExperimentStore.OpenAsync(builder.ConnectionString);
            await DrainAsync(store, Path.Combine(spool, "drain"), count, batchSize, output);
            await SustainedAsync(store, Path.Combine(spool, "sustained"), rate, seconds, batchSize, output);
            return 0;
        }
        finally
        {
            await ExecuteAsync(connectionString, $"DROP SCHEMA {schema} CASCADE");
            Directory.Delete(spool, recursive: true);
        }
    }

    private static async Task DrainAsync(IExperimentStore store, string spool, int count, int batchSize, TextWriter output)
    {
        await using var log = new ExposureLog(store, new ExposureLogOptions(spool) { QueueCapacity = count, BatchSize = batchSize });
        foreach (var exposure in Make("drain", count))
            log.Enqueue(exposure);
        var cpu = BenchmarkReport.ProcessorTime();
        var clock = Stopwatch.StartNew();
        await log.StartAsync();
        await log.DrainAsync();
        clock.Stop();
        var cpuMs = (BenchmarkReport.ProcessorTime() - cpu).TotalMilliseconds;
        output.WriteLine($"drain: {count:N0} exposures in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:N0}/s, " +
            $"{cpuMs * 1000 / count:F1} CPU-µs each in this process " +
            $"(batch {batchSize}, written {log.Written:N0}, spilled {log.Spilled:N0})");
    }

    private static async Task SustainedAsync(IExperimentStore store, string spool, int rate, int seconds, int batchSize, TextWriter output)
    {
        await using var log = new ExposureLog(store, new ExposureLogOptions(spool) { BatchSize = batchSize });
        await log.StartAsync();
        var total = rate * seconds;
        var exposures = Make("sustained", total);
        var maxQueue = 0;
        var clock = Stopwatch.StartNew();
        // One producer paced in 10 ms ticks: enqueueing itself costs well under a microsecond.
        for (var sent = 0; sent < total;)
        {
            var due = (int)Math.Min(total, rate * clock.Elapsed.TotalSeconds);
            while (sent < due)
                log.Enqueue(exposures[sent++]);
            maxQueue = Math.Max(maxQueue, log.QueueLength);
            await Task.Delay(10);
        }
        var enqueued = clock.Elapsed;
        await log.DrainAsync();
        clock.Stop();
        output.WriteLine($"sustained: offered {rate:N0}/s for {enqueued.TotalSeconds:F1} s; stored {total:N0} in {clock.Elapsed.TotalSeconds:F2} s " +
            $"= {total / clock.Elapsed.TotalSeconds:N0}/s; deepest queue {maxQueue:N0}; spilled {log.Spilled:N0}; written {log.Written:N0}");
    }

    private static Exposure[] Make(string prefix, int count)
    {
        var synthetic = new SyntheticExposures(prefix + "-");
        return Enumerable.Range(0, count).Select(i => synthetic.Get(i)).ToArray();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
