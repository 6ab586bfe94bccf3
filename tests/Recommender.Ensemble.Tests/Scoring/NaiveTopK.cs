using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tests.Scoring;

/// <summary>The independent reference: every score summed in double, sorted by score then id, excluded ids dropped.</summary>
internal static class NaiveTopK
{
    public static (int Item, double Score)[] Compute(float[] matrix, int items, int dim, ReadOnlySpan<float> query, int k, IReadOnlySet<int> excluded)
    {
        var q = query.ToArray();
        return Enumerable.Range(0, items)
            .Where(i => !excluded.Contains(i))
            .Select(i => (Item: i, Score: Enumerable.Range(0, dim).Sum(d => (double)matrix[i * dim + d] * q[d])))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
            .Take(Math.Max(0, k))
            .ToArray();
    }

    public static float[] RandomMatrix(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    public static void AssertMatches((int Item, double Score)[] expected, ScoredItem[] actual)
    {
        Assert.Equal(expected.Select(x => x.Item), actual.Select(x => x.Item));
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i].Score, actual[i].Score, 1e-4);
    }
}
