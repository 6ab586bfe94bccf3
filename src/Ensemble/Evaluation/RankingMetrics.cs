using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Evaluation;

/// <summary>
/// Top-k ranking metrics with binary relevance, per user, exactly as ../shared/PROTOCOL.md and Microsoft Recommenders'
/// recommenders/evaluation/python_evaluation.py define them, so our numbers compare with its benchmark table.
/// For one user, h_r ∈ {0, 1} marks a hit at rank r ≤ k of the ranked list and R is the number of the user's
/// relevant (test) items. In python_evaluation.py:
/// <list type="bullet">
/// <item><c>precision_at_k</c>: (hit / k).sum() / n_users — divides by k even when fewer than k items were ranked.</item>
/// <item><c>recall_at_k</c>: (hit / actual).sum() / n_users — divides by R ("actual", the user's test rows).</item>
/// <item><c>ndcg_at_k</c> (score_type "binary"): Σ rel / log(1 + rank) over the hits, divided by the ideal DCG
/// summed over the first min(k, R) ranks (<c>head(k)</c> of the test rows); the log base cancels.</item>
/// <item><c>map</c>: rr = Σ over hits of (cumulative hit count) / rank; (rr / actual).sum() / n_users — AP / R,
/// the benchmark table's "MAP" column.</item>
/// <item><c>map_at_k</c>: (rr / min(actual, k)).sum() / n_users — AP / min(k, R) (Spark's MAP@k).</item>
/// </list>
/// n_users is every user common to test and recommendations; a user without hits contributes 0. The ranked list is
/// assumed to hold distinct items; relevant lists must be sorted ascending and distinct.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Σ_{r ≤ k} h_r / k.</summary>
    public static double PrecisionAtK(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        Score(ranked, relevant, k).Precision;

    /// <summary>Σ_{r ≤ k} h_r / R.</summary>
    public static double RecallAtK(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        Score(ranked, relevant, k).Recall;

    /// <summary>Σ_{r ≤ k} h_r / log2(r + 1) ÷ Σ_{r ≤ min(k, R)} 1 / log2(r + 1).</summary>
    public static double NdcgAtK(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        Score(ranked, relevant, k).Ndcg;

    /// <summary>AP / R with AP = Σ_{r ≤ k} h_r · (hits up to r) / r: one user's term of the table's MAP.</summary>
    public static double AveragePrecision(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        Score(ranked, relevant, k).AveragePrecision;

    /// <summary>AP / min(k, R): one user's term of MAP@k.</summary>
    public static double AveragePrecisionAtK(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k) =>
        Score(ranked, relevant, k).AveragePrecisionAtK;

    /// <summary>All five metrics of one user in one pass over the first k ranked items.</summary>
    public static UserRankingScores Score(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (relevant.IsEmpty)
            return default;
        var depth = Math.Min(k, ranked.Length);
        var hits = 0;
        double dcg = 0, precisionSum = 0;
        for (var r = 1; r <= depth; r++)
        {
            if (relevant.BinarySearch(ranked[r - 1]) < 0)
                continue;
            hits++;
            dcg += 1.0 / Math.Log2(r + 1);
            precisionSum += (double)hits / r;
        }
        if (hits == 0)
            return default;
        double idealDcg = 0;
        var idealDepth = Math.Min(k, relevant.Length);
        for (var r = 1; r <= idealDepth; r++)
            idealDcg += 1.0 / Math.Log2(r + 1);
        return new UserRankingScores(
            Precision: (double)hits / k,
            Recall: (double)hits / relevant.Length,
            Ndcg: dcg / idealDcg,
            AveragePrecision: precisionSum / relevant.Length,
            AveragePrecisionAtK: precisionSum / idealDepth);
    }

    /// <summary>Catalog coverage: distinct recommended items / <paramref name="catalogItemCount"/> (python_evaluation's
    /// <c>catalog_coverage</c> divides by the distinct items of train).</summary>
    public static double CatalogCoverage(IEnumerable<IReadOnlyList<ScoredItem>> recommendations, int catalogItemCount)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        ArgumentOutOfRangeException.ThrowIfNegative(catalogItemCount);
        if (catalogItemCount == 0)
            return 0;
        var distinct = new HashSet<int>();
        foreach (var list in recommendations)
        {
            foreach (var scored in list)
                distinct.Add(scored.Item);
        }
        return (double)distinct.Count / catalogItemCount;
    }
}
