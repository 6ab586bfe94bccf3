using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Splits;

public class LeaveLastOutSplitterTests
{
    [Fact]
    public void Moves_each_users_latest_row_to_test_with_ties_to_the_later_row()
    {
        var log = TinyLog.Of(
            ("u1", "a", 1, 300), ("u1", "b", 1, 100), ("u1", "c", 1, 200), // latest: a (300)
            ("u2", "a", 1, 50), ("u2", "b", 1, 50),                         // tie at 50: b is later in the file
            ("u3", "z", 1, 10));                                            // single row stays in train

        var (train, test) = new LeaveLastOutSplitter().Split(log);

        Assert.Equal(["u1:a", "u2:b"], TinyLog.Pairs(test));
        Assert.Equal(["u1:b", "u1:c", "u2:a", "u3:z"], TinyLog.Pairs(train));
    }
}
