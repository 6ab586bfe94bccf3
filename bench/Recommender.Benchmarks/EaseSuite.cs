using System.CommandLine;
using System.Diagnostics;
using Recommender.Ensemble.Models;

namespace Recommender.Benchmarks;

/// <summary>
/// <c>ease</c>: seconds to fit EASE (Gram matrix, dense inverse, B) on a synthetic power-law matrix; the defaults
/// have MovieLens 100K's shape (943 users, 1,682 items, 100,000 interactions).
/// </summary>
internal static class EaseSuite
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Users (rows).", DefaultValueFactory = _ => 943 };
        var items = new Option<int>("--items") { Description = $"Items (columns), at most {EaseRecommender.MaxItems:N0}.", DefaultValueFactory = _ => 1_682 };
        var nonZeros = new Option<int>("--nnz") { Description = "Distinct interactions, all weight 1.", DefaultValueFactory = _ => 100_000 };
        var lambda = new Option<float>("--lambda") { Description = "λ.", DefaultValueFactory = _ => 500f };
        var repeat = new Option<int>("--repeat") { Description = "Measured fits (after one warm-up fit).", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the data.", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON line, last." };

        var command = new Command("ease", "Seconds to fit EASE on a synthetic power-law matrix.")
        {
            users, items, nonZeros, lambda, repeat, seed, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(users), parse.GetValue(items), parse.GetValue(nonZeros), parse.GetValue(lambda),
            parse.GetValue(repeat), parse.GetValue(seed), parse.GetValue(json)));
        return command;
    }

    private static int Run(int users, int items, int nonZeros, float lambda, int repeat, int seed, bool json)
    {
        var matrix = SyntheticInteractions.Generate(users, items, nonZeros, seed);
        Console.WriteLine($"matrix {users:N0} × {items:N0}, {matrix.NonZeroCount:N0} ones");
        var model = new EaseRecommender(new EaseOptions(lambda));
        var durations = new List<double>();
        var cpuDurations = new List<double>();
        for (var run = 0; run <= repeat; run++)
        {
            var cpu = BenchmarkReport.ProcessorTime();
            var clock = Stopwatch.StartNew();
            model.Fit(matrix);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (BenchmarkReport.ProcessorTime() - cpu).TotalSeconds;
            Console.WriteLine($"fit {run}: {seconds:F3} s, {cpuSeconds:F3} CPU-s{(run == 0 ? " (warm-up)" : "")}");
            if (run > 0)
            {
                durations.Add(seconds);
                cpuDurations.Add(cpuSeconds);
            }
        }
        var (workingSet, peak) = BenchmarkReport.Memory();
        var mean = durations.Count == 0 ? double.NaN : durations.Average();
        var cpuMean = cpuDurations.Count == 0 ? double.NaN : cpuDurations.Average();
        Console.WriteLine($"{mean:F3} s per fit, {cpuMean:F3} CPU-s; working set {workingSet:N0} MB, peak {peak:N0} MB; {Environment.ProcessorCount} cores");
        if (json)
        {
            BenchmarkReport.WriteJsonLine(new
            {
                suite = "ease",
                secondsPerFit = Math.Round(mean, 4),
                fitSeconds = durations.Select(d => Math.Round(d, 4)).ToArray(),
                cpuSecondsPerFit = Math.Round(cpuMean, 4),
                workingSetMB = workingSet,
                peakWorkingSetMB = peak,
                users,
                items,
                nnz = matrix.NonZeroCount,
                lambda,
                threads = Environment.ProcessorCount,
            });
        }
        return 0;
    }
}
