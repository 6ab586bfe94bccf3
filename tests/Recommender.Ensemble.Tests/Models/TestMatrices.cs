using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tests.Models;

/// <summary>Small interaction matrices built from (user, item, weight) triples, ids "u0".., "i0"...</summary>
internal static class TestMatrices
{
    public static InteractionMatrix From(int users, int items, params (int User, int Item, float Weight)[] entries)
    {
        var userIds = IdMap.FromIds(Enumerable.Range(0, users).Select(u => $"u{u}"));
        var itemIds = IdMap.FromIds(Enumerable.Range(0, items).Select(i => $"i{i}"));
        var csr = CsrMatrix.FromCoordinates(
            users, items,
            entries.Select(e => e.User).ToArray(),
            entries.Select(e => e.Item).ToArray(),
            entries.Select(e => e.Weight).ToArray());
        return new InteractionMatrix(userIds, itemIds, csr);
    }

    /// <summary>
    /// A planted block structure: users in <paramref name="groups"/> groups, each group liking its own block of
    /// items (each user all of the block but the one item it holds out), plus a little cross-group noise.
    /// </summary>
    public static (InteractionMatrix Train, int[] HeldOut) PlantedBlocks(int groups, int usersPerGroup, int itemsPerGroup, int seed)
    {
        var random = new Random(seed);
        var users = groups * usersPerGroup;
        var items = groups * itemsPerGroup;
        var heldOut = new int[users];
        var entries = new List<(int, int, float)>();
        for (var u = 0; u < users; u++)
        {
            var group = u / usersPerGroup;
            var first = group * itemsPerGroup;
            heldOut[u] = first + random.Next(itemsPerGroup);
            for (var i = first; i < first + itemsPerGroup; i++)
            {
                if (i != heldOut[u] && random.NextDouble() < 0.7)
                    entries.Add((u, i, 1f));
            }
            var noise = random.Next(items);
            if (noise / itemsPerGroup != group)
                entries.Add((u, noise, 1f));
        }
        return (From(users, items, [.. entries]), heldOut);
    }

    /// <summary>
    /// How many users of a <see cref="PlantedBlocks"/> matrix find their held-out item among as many recommendations as
    /// they have unseen items in their own block. The structure cannot tell those items apart, so this counts the users
    /// for whom the model ranks its whole block above every other block's items.
    /// </summary>
    public static int BlockHits(IRecommender model, InteractionMatrix train, int[] heldOut, int usersPerGroup, int itemsPerGroup) =>
        Enumerable.Range(0, train.UserCount).Count(u =>
        {
            var seen = train.ItemsOf(u).ToArray();
            var first = u / usersPerGroup * itemsPerGroup;
            var unseenInBlock = Enumerable.Range(first, itemsPerGroup).Count(i => !seen.Contains(i));
            return model.Recommend(u, unseenInBlock).Any(s => s.Item == heldOut[u]);
        });

    /// <summary>
    /// Seen items and <paramref name="exclude"/> never come back: user 3's list over the whole catalogue of
    /// <paramref name="train"/>, and a fold-in of items [5, 2, 5] excluding 7.
    /// </summary>
    public static void AssertExclusionsHonoured(IRecommender model, InteractionMatrix train, int[] exclude)
    {
        var seen = train.ItemsOf(3).ToArray();

        var all = model.Recommend(3, k: 100, exclude);
        var fromItems = model.RecommendFromItems([5, 2, 5], [], k: 100, [7]);

        Assert.Equal(train.ItemCount - seen.Union(exclude).Count(), all.Length);
        Assert.DoesNotContain(all, s => seen.Contains(s.Item) || exclude.Contains(s.Item));
        Assert.Equal(train.ItemCount - 3, fromItems.Length);
        Assert.DoesNotContain(fromItems, s => s.Item is 2 or 5 or 7);
    }
}
