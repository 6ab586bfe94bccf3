using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// Time-decayed interaction weights for user profiles: each event counts value × 2^(−(t_max − t) / half-life),
/// t_max being the latest event of the log, and a user's repeated events on one item add up, exactly as the
/// interaction matrix sums their plain values. The result lines up entry for entry with the matrix's values.
/// </summary>
internal static class RecencyWeights
{
    private const double SecondsPerDay = 86_400;

    public static float[] Compute(InteractionLog log, InteractionMatrix matrix, double halfLifeDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeDays);
        var latest = log.Count == 0 ? 0 : log.Timestamp.Max();
        var halfLifeSeconds = halfLifeDays * SecondsPerDay;
        var decayed = new float[log.Count];
        for (var e = 0; e < log.Count; e++)
            decayed[e] = (float)(log.Weight[e] * Math.Pow(2, -(latest - log.Timestamp[e]) / halfLifeSeconds));

        var weighted = CsrMatrix.FromCoordinates(matrix.UserCount, matrix.ItemCount, log.UserIndex, log.ItemIndex, decayed);
        if (!weighted.RowPointers.AsSpan().SequenceEqual(matrix.ByUser.RowPointers) ||
            !weighted.ColumnIndices.AsSpan().SequenceEqual(matrix.ByUser.ColumnIndices))
            throw new ArgumentException("The interaction log does not match the interaction matrix it should weight.", nameof(log));
        return weighted.Values;
    }
}
