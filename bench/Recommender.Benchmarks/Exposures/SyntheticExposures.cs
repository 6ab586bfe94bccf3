using System.Collections.Frozen;
using Recommender.Experiments.Exposures;

namespace Recommender.Benchmarks.Exposures;

/// <summary>
/// Exposures shaped like the service's (10 scored items, two model versions), cheap to make: item lists and user
/// ids come from pools built once, so a benchmark's producer spends its CPU on little more than the request id,
/// as the request path does, and the figures measure the log and the database rather than the generator.
/// </summary>
internal sealed class SyntheticExposures
{
    private static readonly FrozenDictionary<string, string> Models =
        new Dictionary<string, string> { ["als"] = "12", ["sar"] = "7" }.ToFrozenDictionary();

    private readonly string _prefix;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly ExposedItem[][] _itemLists;
    private readonly string[] _users;

    public SyntheticExposures(string prefix)
    {
        _prefix = prefix;
        _itemLists = Enumerable.Range(0, 1_024)
            .Select(i => Enumerable.Range(0, 10).Select(k => new ExposedItem($"item-{(i * 7 + k * 13) % 20_000}", k + 1, 1f / (k + 1))).ToArray())
            .ToArray();
        _users = Enumerable.Range(0, 50_000).Select(u => $"user-{u}").ToArray();
    }

    /// <summary>The <paramref name="i"/>-th exposure; request ids are unique per instance and index.</summary>
    public Exposure Get(long i) => new(
        string.Concat(_prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _start.AddTicks(i),
        _users[i % _users.Length],
        "home-ranking",
        i % 2 == 0 ? "control" : "treatment",
        "\"5\"",
        Models,
        "weighted",
        _itemLists[i % _itemLists.Length]);
}
