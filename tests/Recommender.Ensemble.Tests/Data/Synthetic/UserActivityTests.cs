using Recommender.Ensemble.Data.Synthetic;

namespace Recommender.Ensemble.Tests.Data.Synthetic;

public class UserActivityTests
{
    [Fact]
    public void Shares_the_total_in_proportion_after_one_each()
    {
        // One each leaves 4 to share 1:1:2 → 1, 1, 2 more.
        Assert.Equal([2, 2, 3], UserActivity.Distribute([1, 1, 2], total: 7, cap: 5));
    }

    [Fact]
    public void Clamps_at_the_cap_and_gives_the_excess_to_the_others()
    {
        // One each leaves 6. The third user's share 6·10/12 = 5 exceeds the 3 extra the cap allows, so it gets 3;
        // the other 3 are shared 1.5 : 1.5, which cumulative rounding turns into 2 and 1.
        Assert.Equal([3, 2, 4], UserActivity.Distribute([1, 1, 10], total: 9, cap: 4));
    }

    [Fact]
    public void A_total_of_users_times_cap_fills_everyone()
    {
        Assert.Equal([3, 3, 3], UserActivity.Distribute([0.1, 5, 1], total: 9, cap: 3));
    }

    [Fact]
    public void Always_adds_up_exactly_within_bounds()
    {
        var random = new DeterministicRandom(9);
        var activity = Enumerable.Range(0, 10_000).Select(_ => Math.Exp(1.5 * random.NextGaussian())).ToArray();

        var counts = UserActivity.Distribute(activity, total: 123_457, cap: 200);

        Assert.Equal(123_457, counts.Sum(c => (long)c));
        Assert.All(counts, c => Assert.InRange(c, 1, 200));
    }
}
