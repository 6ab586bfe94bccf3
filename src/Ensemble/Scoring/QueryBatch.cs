using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>Argument handling shared by the scorers' batch entry points.</summary>
internal static class QueryBatch
{
    /// <summary>How many queries of <paramref name="dimension"/> floats <paramref name="queries"/> holds.</summary>
    public static int Count(ReadOnlySpan<float> queries, int dimension)
    {
        EmbeddingMatrixShape.ValidateQueries(queries.Length, dimension, nameof(queries));
        return queries.Length / dimension;
    }

    public static void ValidateQuery(ReadOnlySpan<float> query, int dimension)
    {
        if (query.Length != dimension)
            throw new ArgumentException($"Query has {query.Length} dimensions, the items {dimension}.", nameof(query));
    }

    public static ExclusionFilter ExclusionsOf(ExclusionSelector? exclusions, int query) =>
        exclusions is null ? ExclusionFilter.None : exclusions(query);

    /// <summary>
    /// Candidates to keep unfiltered so that the <paramref name="wanted"/> best allowed ones survive
    /// <paramref name="excludedCount"/> exclusions: wanted + excluded, at most every item.
    /// </summary>
    public static int Candidates(int wanted, int excludedCount, int itemCount) =>
        (int)Math.Min((long)wanted + excludedCount, itemCount);

    public static ScoredItem[][] Empty(int queryCount)
    {
        var results = new ScoredItem[queryCount][];
        Array.Fill(results, []);
        return results;
    }

    public static int ValidateParallelism(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 (every core) or a positive thread count.");
        return maxDegreeOfParallelism;
    }
}
