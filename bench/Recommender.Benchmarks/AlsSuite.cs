using System.CommandLine;
using System.Diagnostics;
using Recommender.Ensemble.Models;

namespace Recommender.Benchmarks;

/// <summary>
/// <c>als</c>: seconds per ALS iteration (users then items) on the synthetic matrix of PROTOCOL.md, after warm-up
/// iterations that let the JIT settle. implicit's CPU ALS takes 2.13–2.31 s per iteration on this kind of machine
/// (2 threads, 64 factors, 200,000 × 50,000, 10,000,000 ones).
/// </summary>
internal static class AlsSuite
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Users (rows).", DefaultValueFactory = _ => 200_000 };
        var items = new Option<int>("--items") { Description = "Items (columns).", DefaultValueFactory = _ => 50_000 };
        var nonZeros = new Option<int>("--nnz") { Description = "Distinct interactions, all weight 1.", DefaultValueFactory = _ => 10_000_000 };
        var factors = new Option<int>("--factors") { Description = "Latent factors.", DefaultValueFactory = _ => 64 };
        var alpha = new Option<float>("--alpha")
        {
            Description = "Confidence scale. 1 (implicit's default, as in its timing) makes every observed confidence 1, " +
                "which ALS exploits; any other value does the full per-entry work.",
            DefaultValueFactory = _ => 1f,
        };
        var regularization = new Option<float>("--regularization") { Description = "λ.", DefaultValueFactory = _ => 0.05f };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured iterations first.", DefaultValueFactory = _ => 1 };
        var iterations = new Option<int>("--iterations") { Description = "Measured iterations.", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "Worker threads; 0 = all cores.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the data and the initial factors.", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON line, last." };

        var command = new Command("als", "Seconds per implicit-ALS iteration on a synthetic power-law matrix.")
        {
            users, items, nonZeros, factors, alpha, regularization, warmup, iterations, threads, seed, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(users), parse.GetValue(items), parse.GetValue(nonZeros), parse.GetValue(factors),
            parse.GetValue(alpha), parse.GetValue(regularization), parse.GetValue(warmup), parse.GetValue(iterations),
            parse.GetValue(threads), parse.GetValue(seed), parse.GetValue(json)));
        return command;
    }

    private static int Run(
        int users, int items, int nonZeros, int factors, float alpha, float regularization, int warmup, int iterations,
        int threads, int seed, bool json)
    {
        var clock = Stopwatch.StartNew();
        var matrix = SyntheticInteractions.Generate(users, items, nonZeros, seed);
        var generateSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"matrix {users:N0} × {items:N0}, {matrix.NonZeroCount:N0} ones, built in {generateSeconds:F1} s");

        var options = new AlsOptions(
            factors: factors, regularization: regularization, alpha: alpha, iterations: warmup + iterations, threads: threads, seed: seed);
        var durations = new List<double>();
        var cpuDurations = new List<double>();
        var lastCpu = BenchmarkReport.ProcessorTime();
        var progress = new ConsoleProgress(p =>
        {
            var cpu = BenchmarkReport.ProcessorTime();
            var cpuSeconds = (cpu - lastCpu).TotalSeconds;
            lastCpu = cpu;
            var measured = p.Iteration > warmup;
            if (measured)
            {
                durations.Add(p.Duration.TotalSeconds);
                cpuDurations.Add(cpuSeconds);
            }
            Console.WriteLine($"iteration {p.Iteration}/{p.Iterations}: {p.Duration.TotalSeconds:F3} s, {cpuSeconds:F3} CPU-s{(measured ? "" : " (warm-up)")}");
        });
        var model = new AlsRecommender(options);
        clock.Restart();
        model.Fit(matrix, progress);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var (workingSet, peak) = BenchmarkReport.Memory();

        var secondsPerIteration = durations.Count == 0 ? double.NaN : durations.Average();
        var cpuSecondsPerIteration = cpuDurations.Count == 0 ? double.NaN : cpuDurations.Average();
        Console.WriteLine(
            $"{secondsPerIteration:F3} s per iteration (mean of {durations.Count}, min {durations.DefaultIfEmpty(double.NaN).Min():F3}); " +
            $"{cpuSecondsPerIteration:F3} CPU-s per iteration; whole fit {fitSeconds:F1} s; working set {workingSet:N0} MB, peak {peak:N0} MB; {Environment.ProcessorCount} cores");
        if (json)
        {
            BenchmarkReport.WriteJsonLine(new
            {
                suite = "als",
                secondsPerIteration = Math.Round(secondsPerIteration, 4),
                minSecondsPerIteration = Math.Round(durations.DefaultIfEmpty(double.NaN).Min(), 4),
                iterationSeconds = durations.Select(d => Math.Round(d, 4)).ToArray(),
                // CPU time of the whole process per iteration: on a machine shared with other work it shows the work
                // done, which wall time does not (÷ threads ≈ wall time on an idle machine with perfect scaling).
                cpuSecondsPerIteration = Math.Round(cpuSecondsPerIteration, 4),
                fitSeconds = Math.Round(fitSeconds, 3),
                workingSetMB = workingSet,
                peakWorkingSetMB = peak,
                users,
                items,
                nnz = matrix.NonZeroCount,
                factors,
                alpha,
                regularization,
                conjugateGradientSteps = options.ConjugateGradientSteps,
                threads = threads == 0 ? Environment.ProcessorCount : threads,
                warmupIterations = warmup,
            });
        }
        return 0;
    }

    /// <summary>Reports synchronously on the fitting thread, so timings and output stay in order.</summary>
    private sealed class ConsoleProgress(Action<AlsIterationProgress> report) : IProgress<AlsIterationProgress>
    {
        public void Report(AlsIterationProgress value) => report(value);
    }
}
