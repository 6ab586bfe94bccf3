using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Splits;

/// <summary>
/// Microsoft Recommenders' <c>python_stratified_split</c> (min_rating 1), row for row, as ../shared/PROTOCOL.md
/// describes: one numpy double per row in file order (<see cref="Mt19937.NextDouble53"/>, seeded like
/// <c>np.random.seed</c>), rows sorted by (group, draw) and numbered 1..n within the group; a row is train when its
/// number ≤ round(ratio · n), rounding half to even as numpy does (n = 2 → 2/0, n = 6 → 4/2).
/// <see cref="Benchmark"/> is the setting of the published MovieLens table.
/// </summary>
public sealed class StratifiedSplitter : IInteractionSplitter
{
    public StratifiedSplitter(double ratio = 0.75, StratifyBy by = StratifyBy.Item, int seed = 42)
    {
        if (!(ratio > 0 && ratio < 1))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The train ratio must lie strictly between 0 and 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        Ratio = ratio;
        By = by;
        Seed = seed;
    }

    /// <summary>ratio 0.75, stratified by item, seed 42: the benchmark split.</summary>
    public static StratifiedSplitter Benchmark { get; } = new();

    public double Ratio { get; }
    public StratifyBy By { get; }
    public int Seed { get; }

    public (InteractionLog Train, InteractionLog Test) Split(InteractionLog log)
    {
        var draws = RowGroups.DrawPerRow(log.Count, Seed);
        var groups = By == StratifyBy.Item
            ? RowGroups.By(log.ItemIndex, log.Items.Count)
            : RowGroups.By(log.UserIndex, log.Users.Count);
        groups.SortEachGroupBy(draws);

        var isTrain = new bool[log.Count];
        for (var g = 0; g < groups.GroupCount; g++)
        {
            var rows = groups.RowsOf(g);
            // The library keeps rank <= round(ratio * count): pandas rounds half to even, as Math.Round does.
            var trainCount = (int)Math.Round(Ratio * rows.Length, MidpointRounding.ToEven);
            for (var position = 0; position < trainCount; position++)
                isTrain[rows[position]] = true;
        }
        return SplitRows.Apply(log, isTrain);
    }
}
