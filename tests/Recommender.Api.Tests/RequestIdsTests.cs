using System.Collections.Concurrent;
using Recommender.Api.Serving;

namespace Recommender.Api.Tests;

public sealed class RequestIdsTests
{
    [Fact]
    public void Ids_follow_the_uuid_version_7_layout_with_the_time_in_the_first_48_bits()
    {
        var at = new DateTimeOffset(2026, 11, 29, 5, 0, 0, 123, TimeSpan.Zero);
        using var ids = new RequestIds(new FixedClock(at));

        var id = ids.Next();

        Assert.Matches("^[0-9a-f]{32}$", id);
        // 2026-11-29T05:00:00.123Z is 1,795,928,400,123 ms after the epoch, 0x01a225aca0fb.
        Assert.Equal("01a225aca0fb", id[..12]);
        Assert.Equal('7', id[12]);
        Assert.Contains(id[16], "89ab");
        Assert.Equal(7, Guid.ParseExact(id, "N").Version);
    }

    [Fact]
    public void Ids_are_unique_across_threads_within_one_millisecond()
    {
        using var ids = new RequestIds(new FixedClock(DateTimeOffset.UnixEpoch.AddDays(20_000)));
        var seen = new ConcurrentDictionary<string, byte>();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 25_000; i++)
                Assert.True(seen.TryAdd(ids.Next(), 0));
        });

        Assert.Equal(200_000, seen.Count);
    }

    [Fact]
    public void Later_ids_sort_after_earlier_ones()
    {
        var clock = new FixedClock(DateTimeOffset.UnixEpoch.AddDays(20_000));
        using var ids = new RequestIds(clock);

        var first = ids.Next();
        clock.Now = clock.Now.AddMilliseconds(1);
        var second = ids.Next();

        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
