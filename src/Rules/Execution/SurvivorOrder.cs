namespace Recommender.Rules.Execution;

/// <summary>Best first: higher adjusted score, then earlier input position (NaN scores last). A total order, so the
/// unstable span sort still gives one deterministic result.</summary>
internal readonly struct SurvivorOrder : IComparer<Survivor>
{
    public int Compare(Survivor x, Survivor y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : x.Index.CompareTo(y.Index);
    }

    public static bool IsSorted(ReadOnlySpan<Survivor> survivors)
    {
        var order = default(SurvivorOrder);
        for (var i = 1; i < survivors.Length; i++)
        {
            if (order.Compare(survivors[i - 1], survivors[i]) > 0)
                return false;
        }
        return true;
    }
}
