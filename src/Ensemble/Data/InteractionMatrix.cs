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

    /// <summary>Number of interacting users per item.</summary>
    public int[] ItemUserCounts()
    {
        var counts = new int[ItemCount];
        foreach (var item in ByUser.ColumnIndices)
            counts[item]++;
        return counts;
    }
}
