using Recommender.Ensemble.Data;
using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Splits;

public class StratifiedSplitterTests
{
    [Fact]
    public void Benchmark_split_of_MovieLens_100K_reproduces_the_protocol_fingerprints()
    {
        var log = MovieLensLoader.LoadInteractions(Path.Combine(MovieLensData.RequireFolder(), "u.data"));

        var (train, test) = StratifiedSplitter.Benchmark.Split(log);

        // ../shared/PROTOCOL.md: train 75,066 / test 24,934 rows, 943 users on both sides, 1,682 / 1,473 items.
        Assert.Equal(75_066, train.Count);
        Assert.Equal(24_934, test.Count);
        Assert.Equal("4698d03b2783a471", DataFingerprint.OfPairs(train));
        Assert.Equal("10fc7a47bd9760bd", DataFingerprint.OfPairs(test));
        Assert.Equal(943, train.UserIndex.Distinct().Count());
        Assert.Equal(943, test.UserIndex.Distinct().Count());
        Assert.Equal(1_682, train.ItemIndex.Distinct().Count());
        Assert.Equal(1_473, test.ItemIndex.Distinct().Count());
        Assert.Same(log.Users, train.Users);
        Assert.Same(log.Items, test.Items);
    }

    [Theory]
    // round(0.75 n), half to even: 1 -> 0.75 -> 1; 2 -> 1.5 -> 2; 3 -> 2.25 -> 2; 6 -> 4.5 -> 4; 10 -> 7.5 -> 8.
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(6, 4)]
    [InlineData(10, 8)]
    public void Each_item_keeps_round_half_even_of_three_quarters_in_train(int rows, int expectedTrain)
    {
        var log = TinyLog.Of(Enumerable.Range(0, rows).Select(u => ($"u{u}", "item", 1f, 0L)).ToArray());

        var (train, test) = new StratifiedSplitter(0.75, StratifyBy.Item, seed: 7).Split(log);

        Assert.Equal(expectedTrain, train.Count);
        Assert.Equal(rows - expectedTrain, test.Count);
    }

    [Fact]
    public void Splits_every_group_separately_and_keeps_file_order()
    {
        // Item a has 4 rows (3 train / 1 test), item b 2 rows (2 / 0), item c 1 row (1 / 0).
        var log = TinyLog.Of(
            ("u1", "a", 1, 0), ("u2", "a", 1, 0), ("u1", "b", 1, 0), ("u3", "a", 1, 0),
            ("u4", "a", 1, 0), ("u2", "b", 1, 0), ("u5", "c", 1, 0));

        var (train, test) = new StratifiedSplitter().Split(log);

        Assert.Equal(6, train.Count);
        var testRow = Assert.Single(TinyLog.Pairs(test));
        Assert.EndsWith(":a", testRow);
        var trainPairs = TinyLog.Pairs(train);
        Assert.Equal(TinyLog.Pairs(log).Where(p => p != testRow), trainPairs);
    }

    [Fact]
    public void Stratifying_by_user_splits_each_users_rows()
    {
        // u1 has 4 rows -> 3 / 1, u2 has 2 rows -> 2 / 0.
        var log = TinyLog.Of(("u1", "a", 1, 0), ("u1", "b", 1, 0), ("u2", "a", 1, 0), ("u1", "c", 1, 0), ("u1", "d", 1, 0), ("u2", "c", 1, 0));

        var (train, test) = new StratifiedSplitter(0.75, StratifyBy.User).Split(log);

        Assert.Equal(3, train.UserIndex.Count(u => log.Users[u] == "u1"));
        Assert.Equal(2, train.UserIndex.Count(u => log.Users[u] == "u2"));
        Assert.StartsWith("u1:", Assert.Single(TinyLog.Pairs(test)));
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_usually_does_not()
    {
        var log = TinyLog.Of(Enumerable.Range(0, 40).Select(u => ($"u{u}", "item", 1f, 0L)).ToArray());

        var first = TinyLog.Pairs(new StratifiedSplitter(seed: 1).Split(log).Test);
        var again = TinyLog.Pairs(new StratifiedSplitter(seed: 1).Split(log).Test);
        var other = TinyLog.Pairs(new StratifiedSplitter(seed: 2).Split(log).Test);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Rejects_a_ratio_outside_zero_one(double ratio) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StratifiedSplitter(ratio));
}
