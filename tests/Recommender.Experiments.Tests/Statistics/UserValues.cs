using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Tests.Statistics;

/// <summary>Builds the store's per-variant sums from explicit per-user values, the way the SQL does (plain loops).</summary>
public static class UserValues
{
    /// <summary>Sums of metric values <paramref name="x"/> and, when given, pre-exposure values <paramref name="y"/> (user i is (x[i], y[i])).</summary>
    public static VariantMetricSums Sums(string variant, IReadOnlyList<double> x, IReadOnlyList<double>? y = null)
    {
        y ??= new double[x.Count];
        Assert.Equal(x.Count, y.Count);
        double sum = 0, sumOfSquares = 0, priorSum = 0, priorSumOfSquares = 0, crossSum = 0;
        long usersWithEvents = 0, usersWithPriorEvents = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sum += x[i];
            sumOfSquares += x[i] * x[i];
            priorSum += y[i];
            priorSumOfSquares += y[i] * y[i];
            crossSum += x[i] * y[i];
            if (x[i] != 0) usersWithEvents++;
            if (y[i] != 0) usersWithPriorEvents++;
        }
        return new VariantMetricSums(variant, x.Count, (long)Math.Round(sum), usersWithEvents, sum, sumOfSquares,
            usersWithPriorEvents, priorSum, priorSumOfSquares, crossSum);
    }

    /// <summary>A 0/1 metric: <paramref name="converted"/> of <paramref name="users"/> users have 1.</summary>
    public static VariantMetricSums Rate(string variant, long users, long converted) =>
        new(variant, users, converted, converted, converted, converted, 0, 0, 0, 0);
}
