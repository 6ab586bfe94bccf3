namespace Recommender.Ensemble.Splits;

/// <summary>
/// Row indices of a log grouped by a dense key (a user or item index) with a counting sort: group g's rows are
/// Rows[Starts[g]..Starts[g+1]), in ascending row order until a splitter reorders them.
/// </summary>
internal sealed class RowGroups
{
    private RowGroups(int[] starts, int[] rows)
    {
        Starts = starts;
        Rows = rows;
    }

    public int[] Starts { get; }
    public int[] Rows { get; }
    public int GroupCount => Starts.Length - 1;

    public Span<int> RowsOf(int group) => Rows.AsSpan(Starts[group], Starts[group + 1] - Starts[group]);

    public static RowGroups By(ReadOnlySpan<int> keyOfRow, int keyCount)
    {
        var starts = new int[keyCount + 1];
        foreach (var key in keyOfRow)
            starts[key + 1]++;
        for (var k = 0; k < keyCount; k++)
            starts[k + 1] += starts[k];
        var cursor = starts.AsSpan(0, keyCount).ToArray();
        var rows = new int[keyOfRow.Length];
        for (var row = 0; row < keyOfRow.Length; row++)
            rows[cursor[keyOfRow[row]]++] = row;
        return new RowGroups(starts, rows);
    }

    /// <summary>Sorts each group's rows by <paramref name="draws"/> (ties: lower row first).</summary>
    public void SortEachGroupBy(double[] draws)
    {
        for (var g = 0; g < GroupCount; g++)
        {
            var group = RowsOf(g);
            if (group.Length > 1)
                group.Sort((a, b) => draws[a] != draws[b] ? draws[a].CompareTo(draws[b]) : a.CompareTo(b));
        }
    }

    /// <summary>Draws one numpy-compatible double per row, in row order (np.random.seed(seed); np.random.rand(n)).</summary>
    public static double[] DrawPerRow(int rowCount, int seed)
    {
        var random = new Mt19937((uint)seed);
        var draws = new double[rowCount];
        for (var i = 0; i < draws.Length; i++)
            draws[i] = random.NextDouble53();
        return draws;
    }
}
