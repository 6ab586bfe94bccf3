using Recommender.Ensemble.Data;

namespace Recommender.Benchmarks;

/// <summary>
/// The synthetic matrix of PROTOCOL.md's speed figures: users drawn uniformly, items with popularity ∝ rank^-0.7
/// (ranks shuffled over item indices, so popularity is not tied to memory order), exactly the requested number of
/// distinct (user, item) pairs, every weight 1. Deterministic for a seed.
/// </summary>
internal static class SyntheticInteractions
{
    public const double PopularityExponent = 0.7;

    public static InteractionMatrix Generate(int users, int items, int nonZeros, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        if (nonZeros < 0 || (long)nonZeros > (long)users * items)
            throw new ArgumentOutOfRangeException(nameof(nonZeros), nonZeros, "Cannot place that many distinct pairs.");
        var random = new Random(seed);
        var cumulative = new double[items];
        var total = 0.0;
        for (var rank = 0; rank < items; rank++)
        {
            total += Math.Pow(rank + 1, -PopularityExponent);
            cumulative[rank] = total;
        }
        var itemOfRank = Enumerable.Range(0, items).ToArray();
        random.Shuffle(itemOfRank);

        // Draw, merge duplicates, and draw again for the shortfall until every pair is distinct.
        var rows = new int[nonZeros];
        var columns = new int[nonZeros];
        var drawn = 0;
        CsrMatrix matrix;
        while (true)
        {
            for (; drawn < nonZeros; drawn++)
            {
                rows[drawn] = random.Next(users);
                columns[drawn] = itemOfRank[FirstAtLeast(cumulative, random.NextDouble() * total)];
            }
            matrix = CsrMatrix.FromCoordinates(users, items, rows, columns, Ones(nonZeros));
            if (matrix.NonZeroCount == nonZeros)
                break;
            drawn = 0;
            for (var u = 0; u < users; u++)
            {
                foreach (var item in matrix.RowIndices(u))
                {
                    rows[drawn] = u;
                    columns[drawn++] = item;
                }
            }
        }
        return new InteractionMatrix(
            IdMap.FromIds(Enumerable.Range(0, users).Select(u => $"u{u}")),
            IdMap.FromIds(Enumerable.Range(0, items).Select(i => $"i{i}")),
            matrix);
    }

    /// <summary>The first index whose cumulative weight reaches <paramref name="target"/> (inverse-CDF sampling).</summary>
    private static int FirstAtLeast(double[] cumulative, double target)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (cumulative[middle] < target)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private static float[] Ones(int count)
    {
        var ones = new float[count];
        ones.AsSpan().Fill(1f);
        return ones;
    }
}
