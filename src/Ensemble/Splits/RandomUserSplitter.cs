using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Splits;

/// <summary>
/// A random split within each user, for validation sets carved from train: each user's rows are ordered by a
/// seeded draw and the first round(ratio · n) go to train, but a user with two or more rows always keeps at
/// least one on each side (so every validation user has history to be scored from) and a user with one row
/// stays in train. That guarantee is what distinguishes it from <see cref="StratifiedSplitter"/> by user.
/// </summary>
public sealed class RandomUserSplitter : IInteractionSplitter
{
    public RandomUserSplitter(double ratio = 0.75, int seed = 42)
    {
        if (!(ratio > 0 && ratio < 1))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The train ratio must lie strictly between 0 and 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        Ratio = ratio;
        Seed = seed;
    }

    public double Ratio { get; }
    public int Seed { get; }

    public (InteractionLog Train, InteractionLog Test) Split(InteractionLog log)
    {
        var draws = RowGroups.DrawPerRow(log.Count, Seed);
        var groups = RowGroups.By(log.UserIndex, log.Users.Count);
        groups.SortEachGroupBy(draws);

        var isTrain = new bool[log.Count];
        for (var user = 0; user < groups.GroupCount; user++)
        {
            var rows = groups.RowsOf(user);
            var trainCount = rows.Length <= 1
                ? rows.Length
                : Math.Clamp((int)Math.Round(Ratio * rows.Length, MidpointRounding.ToEven), 1, rows.Length - 1);
            for (var position = 0; position < trainCount; position++)
                isTrain[rows[position]] = true;
        }
        return SplitRows.Apply(log, isTrain);
    }
}
