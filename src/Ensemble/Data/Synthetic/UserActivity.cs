namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// How many interactions each user gets: log-normal activity (a few heavy users, many light ones), at least one
/// and at most the whole catalog per user, summing exactly to the requested total.
/// </summary>
internal static class UserActivity
{
    private const int BlockSize = 65_536;

    public static int[] Allocate(SyntheticOptions options)
    {
        var users = options.Users;
        var activity = new double[users];
        for (var start = 0; start < users; start += BlockSize)
        {
            var random = DeterministicRandom.For(options.Seed, SyntheticStream.Activity, start / BlockSize);
            var end = Math.Min(users, start + BlockSize);
            for (var u = start; u < end; u++)
                activity[u] = Math.Exp(options.ActivityDispersion * random.NextGaussian());
        }
        return Distribute(activity, options.Interactions, options.Items);
    }

    /// <summary>
    /// Gives every user one interaction, then shares the rest in proportion to <paramref name="activity"/>: shares
    /// above the cap are clamped and the excess re-shared among the others ("water filling"); cumulative rounding
    /// turns the shares into whole numbers that add up exactly.
    /// </summary>
    internal static int[] Distribute(ReadOnlySpan<double> activity, long total, int cap)
    {
        var users = activity.Length;
        var extraCap = (double)cap - 1;
        var remaining = total - users;
        var clamped = new bool[users];
        var share = new double[users];
        var clampedTotal = 0.0;
        while (true)
        {
            var freeActivity = 0.0;
            for (var u = 0; u < users; u++)
            {
                if (!clamped[u])
                    freeActivity += activity[u];
            }
            var toShare = remaining - clampedTotal;
            var newlyClamped = false;
            for (var u = 0; u < users; u++)
            {
                if (clamped[u])
                    continue;
                share[u] = freeActivity > 0 ? toShare * activity[u] / freeActivity : 0;
                if (share[u] > extraCap)
                {
                    clamped[u] = true;
                    share[u] = extraCap;
                    clampedTotal += extraCap;
                    newlyClamped = true;
                }
            }
            if (!newlyClamped)
                break;
        }

        var counts = new int[users];
        var cumulative = 0.0;
        long assigned = 0;
        for (var u = 0; u < users; u++)
        {
            cumulative += share[u];
            var upTo = Math.Min((long)Math.Round(cumulative), remaining);
            var extra = (int)Math.Clamp(upTo - assigned, 0, cap - 1);
            counts[u] = 1 + extra;
            assigned += extra;
        }

        // Floating-point rounding can leave the sum a unit or two off: settle it user by user within the bounds.
        for (var u = 0; assigned != remaining && u < users; u++)
        {
            if (assigned < remaining && counts[u] < cap)
            {
                var add = (int)Math.Min(cap - counts[u], remaining - assigned);
                counts[u] += add;
                assigned += add;
            }
            else if (assigned > remaining && counts[u] > 1)
            {
                var take = (int)Math.Min(counts[u] - 1, assigned - remaining);
                counts[u] -= take;
                assigned -= take;
            }
        }
        return counts;
    }
}
