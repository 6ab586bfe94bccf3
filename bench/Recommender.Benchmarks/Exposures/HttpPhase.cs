namespace Recommender.Benchmarks.Exposures;

/// <summary>One HTTP load phase: answers received, their rate and latency percentiles.</summary>
internal readonly record struct HttpPhase(long Answers, double PerSecond, double P50Ms, double P99Ms)
{
    public override string ToString() => $"{Answers:N0} answers, {PerSecond:N0} requests/s, p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms";
}
