namespace Recommender.Experiments.Storage;

/// <summary>SQLite's timestamp encoding: microseconds since the Unix epoch, UTC (PostgreSQL's resolution).</summary>
internal static class UnixMicroseconds
{
    public static long From(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToTime(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
