using System.CommandLine;

namespace Recommender.Benchmarks.Exposures;

/// <summary>
/// <c>exposures</c>: exposure-log throughput into PostgreSQL (<c>--sqlite</c>: the embedded store). Plain: the log alone (drain a backlog, then a paced
/// sustained rate). <c>--while-serving</c>: the real host serves HTTP while its hosted log also takes synthetic
/// exposures (<see cref="ServingExposureBenchmark"/>).
/// </summary>
internal static class ExposuresSuite
{
    public static Command Create()
    {
        var postgres = new Option<string?>("--postgres")
        {
            Description = "PostgreSQL connection string; default RECOMMENDER_TEST_POSTGRES (eval \"$(scripts/postgres.sh start)\").",
        };
        var sqlite = new Option<bool>("--sqlite") { Description = "Plain: write into a fresh SQLite file (the embedded default store) instead of PostgreSQL." };
        var whileServing = new Option<bool>("--while-serving") { Description = "Measure while the real host serves HTTP load." };
        var seconds = new Option<int>("--seconds") { Description = "Length of each measured phase.", DefaultValueFactory = _ => 20 };
        var clients = new Option<int>("--clients") { Description = "--while-serving: concurrent in-process HTTP clients.", DefaultValueFactory = _ => 16 };
        var httpRate = new Option<int>("--http-rate")
        {
            Description = "--while-serving: requests/s the clients send together (0: each as fast as answered, saturating the machine).",
            DefaultValueFactory = _ => 0,
        };
        var data = new Option<string?>("--data") { Description = "--while-serving: data folder to serve (e.g. ../shared/data/ml-100k); default: a synthetic set." };
        var wrk = new Option<bool>("--wrk") { Description = "--while-serving: HTTP load from wrk -t2 -c<clients> instead of in-process clients." };
        var count = new Option<int>("--count") { Description = "Plain: exposures in the drained backlog.", DefaultValueFactory = _ => 500_000 };
        var rate = new Option<int>("--rate") { Description = "Plain: exposures/s offered in the sustained phase.", DefaultValueFactory = _ => 30_000 };
        var batch = new Option<int>("--batch") { Description = "Exposures per transaction.", DefaultValueFactory = _ => 5_000 };

        var command = new Command("exposures", "Exposure-log throughput into PostgreSQL, alone or while the service serves.")
        {
            postgres, sqlite, whileServing, data, wrk, seconds, clients, httpRate, count, rate, batch,
        };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(sqlite) && !parse.GetValue(whileServing))
                return await ExposureThroughput.RunOnSqliteAsync(parse.GetValue(count), parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(batch), Console.Out);
            var connectionString = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("RECOMMENDER_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                await Console.Error.WriteLineAsync("No PostgreSQL: pass --postgres or run eval \"$(scripts/postgres.sh start)\" first.");
                return 2;
            }
            return parse.GetValue(whileServing)
                ? await ServingExposureBenchmark.RunAsync(connectionString, parse.GetValue(data), parse.GetValue(wrk), parse.GetValue(seconds), parse.GetValue(clients), parse.GetValue(httpRate), parse.GetValue(batch), Console.Out)
                : await ExposureThroughput.RunAsync(connectionString, parse.GetValue(count), parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(batch), Console.Out);
        });
        return command;
    }
}
