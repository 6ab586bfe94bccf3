using System.Diagnostics;

namespace Recommender.Benchmarks.Scoring;

/// <summary>
/// The harness: run an action a few times unmeasured (JIT tiering, page faults, caches), then time it repeatedly and
/// report the median, which a neighbour process stealing a core now and then moves much less than the mean.
/// </summary>
internal sealed record MedianTimer(int Warmups, int Repetitions, TimeSpan Budget)
{
    /// <summary>Median milliseconds per call; stops early when <see cref="Budget"/> is spent (at least 3 samples).</summary>
    public double Measure(Action action)
    {
        for (var i = 0; i < Warmups; i++)
            action();
        var samples = new List<double>(Repetitions);
        var total = Stopwatch.StartNew();
        while (samples.Count < Repetitions && (samples.Count < 3 || total.Elapsed < Budget))
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        samples.Sort();
        var middle = samples.Count / 2;
        return samples.Count % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
    }
}
