using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

/// <summary>Every scoring path against the naive double-precision reference.</summary>
public class EmbeddingScorerTests
{
    public static TheoryData<string, int, int, int> Cases()
    {
        // (items, dim, k): single items, sizes around the 16-item tile, odd dimensions around the 8/16-float vectors,
        // k above the allowed count, and a 2.6 MB matrix that takes the multithreaded path.
        (int, int, int)[] shapes = [(1, 3, 5), (15, 8, 10), (16, 7, 3), (17, 5, 17), (33, 17, 4), (1001, 33, 10), (333, 64, 20), (10007, 64, 10)];
        var data = new TheoryData<string, int, int, int>();
        foreach (var kind in ScorerKind.All)
        {
            foreach (var (items, dim, k) in shapes)
                data.Add(kind, items, dim, k);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TopK_matches_the_naive_reference_with_exclusions(string kind, int items, int dim, int k)
    {
        var random = new Random(items * 31 + dim);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        var query = NaiveTopK.RandomMatrix(random, dim);
        // Exclude the three unfiltered winners (so exclusions change the answer) through one span, and every item
        // ≡ 3 (mod 7) through the other.
        var winners = NaiveTopK.Compute(matrix, items, dim, query, 3, new HashSet<int>()).Select(x => x.Item).ToArray();
        var first = ExclusionFilter.Sorted(winners);
        var second = Enumerable.Range(0, items).Where(i => i % 7 == 3).ToArray();
        using var scorer = Disposable(ScorerKind.Create(kind, matrix, items, dim));

        var actual = scorer.Value.TopK(query, k, new ExclusionFilter(first, second));

        var expected = NaiveTopK.Compute(matrix, items, dim, query, k, first.Concat(second).ToHashSet());
        NaiveTopK.AssertMatches(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TopKBatch_matches_the_naive_reference_per_query(string kind, int items, int dim, int k)
    {
        const int batch = 13; // one block of 8 (or three of 4) plus remainders
        var random = new Random(items * 17 + dim);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        var queries = NaiveTopK.RandomMatrix(random, batch * dim);
        // Query q excludes every item ≡ q (mod 5) except for q = 4, which excludes nothing.
        var excluded = Enumerable.Range(0, batch)
            .Select(q => q == 4 ? Array.Empty<int>() : Enumerable.Range(0, items).Where(i => i % 5 == q % 5).ToArray())
            .ToArray();
        using var scorer = Disposable(ScorerKind.Create(kind, matrix, items, dim));

        var actual = scorer.Value.TopKBatch(queries, k, q => new ExclusionFilter(excluded[q]));

        Assert.Equal(batch, actual.Length);
        for (var q = 0; q < batch; q++)
        {
            var expected = NaiveTopK.Compute(matrix, items, dim, queries.AsSpan(q * dim, dim), k, excluded[q].ToHashSet());
            NaiveTopK.AssertMatches(expected, actual[q]);
        }
    }

    [Theory]
    [MemberData(nameof(ScorerKind.All), MemberType = typeof(ScorerKind))]
    public void A_batch_returns_what_each_query_returns_alone(string kind)
    {
        const int items = 2000, dim = 24, batch = 11;
        var random = new Random(5);
        var matrix = NaiveTopK.RandomMatrix(random, items * dim);
        var queries = NaiveTopK.RandomMatrix(random, batch * dim);
        using var scorer = Disposable(ScorerKind.Create(kind, matrix, items, dim));

        var together = scorer.Value.TopKBatch(queries, 7);

        for (var q = 0; q < batch; q++)
        {
            var alone = scorer.Value.TopK(queries.AsSpan(q * dim, dim), 7, ExclusionFilter.None);
            Assert.Equal(alone.Select(s => s.Item), together[q].Select(s => s.Item));
            if (ScorerKind.SharesExactKernel(kind))
                Assert.Equal(alone, together[q]); // bit-identical: same FMA chain whatever the batch
        }
    }

    [Theory]
    [MemberData(nameof(ScorerKind.All), MemberType = typeof(ScorerKind))]
    public void Equal_scores_rank_the_lower_id_first(string kind)
    {
        // Integer-valued components make every score exact, whatever the summation order.
        // Query (1, 2, 0): items 9, 2 and 5 score 5; item 0 scores 4; item 7 scores 3; every other item scores 1.
        const int items = 20, dim = 3;
        var matrix = new float[items * dim];
        for (var i = 0; i < items; i++)
            matrix[i * dim] = 1;
        foreach (var tied in new[] { 9, 2, 5 })
            (matrix[tied * dim], matrix[tied * dim + 1]) = (1, 2);
        (matrix[0], matrix[1], matrix[2]) = (2, 1, 7);
        (matrix[7 * dim], matrix[7 * dim + 1]) = (-1, 2);
        using var scorer = Disposable(ScorerKind.Create(kind, matrix, items, dim));

        var top = scorer.Value.TopK([1f, 2f, 0f], 6, ExclusionFilter.None);

        Assert.Equal([2, 5, 9, 0, 7, 1], top.Select(s => s.Item));
        Assert.Equal([5f, 5f, 5f, 4f, 3f, 1f], top.Select(s => s.Score));
    }

    [Theory]
    [MemberData(nameof(ScorerKind.All), MemberType = typeof(ScorerKind))]
    public void Returns_only_the_allowed_items_when_k_exceeds_them(string kind)
    {
        const int items = 5, dim = 2;
        float[] matrix = [1, 0, 2, 0, 3, 0, 4, 0, 5, 0];
        using var scorer = Disposable(ScorerKind.Create(kind, matrix, items, dim));

        var top = scorer.Value.TopK([1f, 1f], 10, new ExclusionFilter([1, 3]));
        var none = scorer.Value.TopK([1f, 1f], 0, ExclusionFilter.None);
        var batch = scorer.Value.TopKBatch(ReadOnlySpan<float>.Empty, 3);

        Assert.Equal([4, 2, 0], top.Select(s => s.Item));
        Assert.Empty(none);
        Assert.Empty(batch);
    }

    [Theory]
    [MemberData(nameof(ScorerKind.All), MemberType = typeof(ScorerKind))]
    public void Rejects_queries_of_the_wrong_dimension(string kind)
    {
        using var scorer = Disposable(ScorerKind.Create(kind, new float[12], 4, 3));

        Assert.Throws<ArgumentException>(() => scorer.Value.TopK([1f, 2f], 1, ExclusionFilter.None));
        Assert.Throws<ArgumentException>(() => scorer.Value.TopKBatch([1f, 2f, 3f, 4f], 1));
    }

    private static DisposableScorer Disposable(IEmbeddingScorer scorer) => new(scorer);

    private readonly struct DisposableScorer(IEmbeddingScorer scorer) : IDisposable
    {
        public IEmbeddingScorer Value => scorer;

        public void Dispose() => (scorer as IDisposable)?.Dispose();
    }
}
