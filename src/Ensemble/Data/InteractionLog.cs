namespace Recommender.Ensemble.Data;

/// <summary>
/// Interactions in file order as parallel arrays over shared id maps. Splits select rows of a log, so train
/// and test share one index space and evaluation never has to translate ids.
/// </summary>
public sealed class InteractionLog
{
    public InteractionLog(IdMap users, IdMap items, int[] userIndex, int[] itemIndex, float[] weight, long[] timestamp)
    {
        if (itemIndex.Length != userIndex.Length || weight.Length != userIndex.Length || timestamp.Length != userIndex.Length)
            throw new ArgumentException("Interaction columns must have equal length.");
        Users = users;
        Items = items;
        UserIndex = userIndex;
        ItemIndex = itemIndex;
        Weight = weight;
        Timestamp = timestamp;
    }

    public IdMap Users { get; }
    public IdMap Items { get; }
    public int[] UserIndex { get; }
    public int[] ItemIndex { get; }
    /// <summary>Strength of the interaction (a rating, a count, 1 for a click).</summary>
    public float[] Weight { get; }
    /// <summary>Unix seconds; 0 where the source has no time.</summary>
    public long[] Timestamp { get; }

    public int Count => UserIndex.Length;

    /// <summary>The rows at <paramref name="rows"/>, in that order, over the same id maps.</summary>
    public InteractionLog Subset(ReadOnlySpan<int> rows)
    {
        var users = new int[rows.Length];
        var items = new int[rows.Length];
        var weights = new float[rows.Length];
        var times = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            users[i] = UserIndex[r];
            items[i] = ItemIndex[r];
            weights[i] = Weight[r];
            times[i] = Timestamp[r];
        }
        return new InteractionLog(Users, Items, users, items, weights, times);
    }
}
