using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Normalises one source's list of scores (see <see cref="ScoreNormalization"/>) and gives the floor: the value an
/// item absent from the list is assumed to have, namely the normalised score of the list's lowest item (min-max: 0;
/// z-score: the lowest z). An absent item is thus no better than the source's last listed one, which is what the
/// source knows about it: it did not make the top N. A list whose scores are all equal carries no order; every item,
/// listed or not, then gets the same value (min-max 1, z-score 0) and the source does not move the ranking.
/// </summary>
public static class ScoreNormalizer
{
    /// <summary>Writes the normalised scores of <paramref name="items"/> into <paramref name="normalized"/> and returns the floor.</summary>
    public static float Normalize(ReadOnlySpan<ScoredItem> items, ScoreNormalization normalization, Span<float> normalized)
    {
        if (normalized.Length != items.Length)
            throw new ArgumentException($"Need {items.Length} slots, got {normalized.Length}.", nameof(normalized));
        if (items.IsEmpty)
            return 0;
        return normalization switch
        {
            ScoreNormalization.MinMax => MinMax(items, normalized),
            ScoreNormalization.ZScore => ZScore(items, normalized),
            _ => throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown normalisation."),
        };
    }

    private static float MinMax(ReadOnlySpan<ScoredItem> items, Span<float> normalized)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var s in items)
        {
            min = Math.Min(min, s.Score);
            max = Math.Max(max, s.Score);
        }
        var range = max - min;
        if (!(range > 0))
        {
            normalized.Fill(1f);
            return 1f;
        }
        for (var i = 0; i < items.Length; i++)
            normalized[i] = (float)((items[i].Score - min) / range);
        return 0f;
    }

    private static float ZScore(ReadOnlySpan<ScoredItem> items, Span<float> normalized)
    {
        double sum = 0, min = double.PositiveInfinity;
        foreach (var s in items)
        {
            sum += s.Score;
            min = Math.Min(min, s.Score);
        }
        var mean = sum / items.Length;
        double squares = 0;
        foreach (var s in items)
            squares += (s.Score - mean) * (s.Score - mean);
        var deviation = Math.Sqrt(squares / items.Length);
        if (!(deviation > 0))
        {
            normalized.Clear();
            return 0f;
        }
        for (var i = 0; i < items.Length; i++)
            normalized[i] = (float)((items[i].Score - mean) / deviation);
        return (float)((min - mean) / deviation);
    }
}
