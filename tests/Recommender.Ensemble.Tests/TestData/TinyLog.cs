using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Tests.TestData;

/// <summary>Builds small interaction logs from (user, item, weight, time) rows for hand-worked tests.</summary>
public static class TinyLog
{
    public static InteractionLog Of(params (string User, string Item, float Weight, long Time)[] rows)
    {
        var users = new IdMap();
        var items = new IdMap();
        return new InteractionLog(
            users,
            items,
            rows.Select(r => users.GetOrAdd(r.User)).ToArray(),
            rows.Select(r => items.GetOrAdd(r.Item)).ToArray(),
            rows.Select(r => r.Weight).ToArray(),
            rows.Select(r => r.Time).ToArray());
    }

    /// <summary>Rows as "user:item" strings, in log order.</summary>
    public static string[] Pairs(InteractionLog log) =>
        Enumerable.Range(0, log.Count).Select(i => $"{log.Users[log.UserIndex[i]]}:{log.Items[log.ItemIndex[i]]}").ToArray();
}
