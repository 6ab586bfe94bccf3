using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Splits;

public class RandomUserSplitterTests
{
    [Fact]
    public void Keeps_single_rows_in_train_and_every_other_user_on_both_sides()
    {
        // solo: 1 row -> 1 / 0. pair: 2 rows, round(1.5) = 2 but clamped to n - 1 -> 1 / 1.
        // four: 4 rows -> round(3) = 3 / 1. ten: 10 rows, ratio 0.5 below.
        var rows = new List<(string, string, float, long)> { ("solo", "a", 1, 0), ("pair", "a", 1, 0), ("pair", "b", 1, 0) };
        rows.AddRange(Enumerable.Range(0, 4).Select(i => ("four", $"i{i}", 1f, 0L)));
        var log = TinyLog.Of(rows.ToArray());

        var (train, test) = new RandomUserSplitter(0.75, seed: 3).Split(log);

        int TrainOf(string user) => train.UserIndex.Count(u => log.Users[u] == user);
        int TestOf(string user) => test.UserIndex.Count(u => log.Users[u] == user);
        Assert.Equal((1, 0), (TrainOf("solo"), TestOf("solo")));
        Assert.Equal((1, 1), (TrainOf("pair"), TestOf("pair")));
        Assert.Equal((3, 1), (TrainOf("four"), TestOf("four")));
    }

    [Fact]
    public void Is_deterministic_for_a_seed()
    {
        var log = TinyLog.Of(Enumerable.Range(0, 30).Select(i => ($"u{i % 3}", $"i{i}", 1f, 0L)).ToArray());

        var first = new RandomUserSplitter(0.5, seed: 9).Split(log);
        var second = new RandomUserSplitter(0.5, seed: 9).Split(log);

        Assert.Equal(TinyLog.Pairs(first.Test), TinyLog.Pairs(second.Test));
        Assert.Equal(15, first.Train.Count); // 10 rows per user, round(5) = 5 each
    }
}
