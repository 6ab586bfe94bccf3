using System.Diagnostics;

namespace Recommender.Benchmarks.Scoring;

/// <summary>
/// The harness: run an action a few times unmeasured (JIT tiering, page faults, caches), then time it repeatedly and
/// report the median, which a neighbour process stealing a core now and then moves much less than the mean.
/// </summary>
/// <remarks>
/// Sampling goes on until both <see cref="Repetitions"/> calls and <see cref="MinimumTime"/> are reached, so that a
/// figure of a few milliseconds is the median of hundreds of calls spread over a second, not of a 50 ms window that one
/// burst of a neighbour's activity can cover; <see cref="Budget"/> caps slow figures (at least 3 samples).
/// </remarks>
internal sealed record MedianTimer(int Warmups, int Repetitions, TimeSpan MinimumTime, TimeSpan Budget)
{
    /// <summary>Median milliseconds per call.</summary>
    public double Measure(Action action)
    {
        for (var i = 0; i < Warmups; i++)
            action();
        var samples = new List<double>(Repetitions);
        var total = Stopwatch.StartNew();
        while (samples.Count < 3 || (total.Elapsed < Budget && (samples.Count < Repetitions || total.Elapsed < MinimumTime)))
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
