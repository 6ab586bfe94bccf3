namespace Recommender.Ensemble.Data;

/// <summary>
/// The user × item matrix models train on: CSR over the id maps of the log it came from. Repeated
/// (user, item) interactions are summed. A user's row doubles as the "seen items" exclusion list.
/// </summary>
public sealed class InteractionMatrix
{
    public InteractionMatrix(IdMap users, IdMap items, CsrMatrix byUser)
    {
        if (byUser.RowCount != users.Count || byUser.ColumnCount != items.Count)
            throw new ArgumentException("Matrix shape must match the id maps.", nameof(byUser));
        Users = users;
        Items = items;
        ByUser = byUser;
    }

    public IdMap Users { get; }
    public IdMap Items { get; }
    public CsrMatrix ByUser { get; }
    public int UserCount => ByUser.RowCount;
    public int ItemCount => ByUser.ColumnCount;
    public int NonZeroCount => ByUser.NonZeroCount;

    /// <summary>Items the user interacted with, ascending.</summary>
    public ReadOnlySpan<int> ItemsOf(int user) => ByUser.RowIndices(user);

    /// <summary><see cref="ItemsOf"/> as memory, for asynchronous scoring that outlives a stack frame.</summary>
    public ReadOnlyMemory<int> ItemsOfAsMemory(int user) =>
        ByUser.ColumnIndices.AsMemory(ByUser.RowPointers[user], ByUser.RowLength(user));

    public ReadOnlySpan<float> WeightsOf(int user) => ByUser.RowValues(user);

    public static InteractionMatrix FromLog(InteractionLog log) =>
        new(log.Users, log.Items,
            CsrMatrix.FromCoordinates(log.Users.Count, log.Items.Count, log.UserIndex, log.ItemIndex, log.Weight));

    /// <summary>
    /// Per stored entry (aligned with <see cref="CsrMatrix.Values"/> of <see cref="ByUser"/>), the latest timestamp
    /// among <paramref name="log"/>'s interactions of that user with that item; 0 for entries the log does not hold.
    /// </summary>
    /// <exception cref="ArgumentException">The log is over other id maps, or holds a pair the matrix does not.</exception>
    public long[] LatestTimestamps(InteractionLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!ReferenceEquals(log.Users, Users) || !ReferenceEquals(log.Items, Items))
            throw new ArgumentException("The log must share the matrix's user and item id maps.", nameof(log));
        var times = new long[NonZeroCount];
        for (var r = 0; r < log.Count; r++)
        {
            var user = log.UserIndex[r];
            var column = ItemsOf(user).BinarySearch(log.ItemIndex[r]);
            if (column < 0)
                throw new ArgumentException($"Log row {r} (user {user}, item {log.ItemIndex[r]}) is not in the matrix.", nameof(log));
            ref var time = ref times[ByUser.RowPointers[user] + column];
            time = Math.Max(time, log.Timestamp[r]);
        }
        return times;
    }

    /// <summary>Number of interacting users per item.</summary>
    public int[] ItemUserCounts()
    {
        var counts = new int[ItemCount];
        foreach (var item in ByUser.ColumnIndices)
            counts[item]++;
        return counts;
    }
}
