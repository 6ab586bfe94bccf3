using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tests.Evaluation;

public class RankingMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Two_hits_in_five_against_three_relevant()
    {
        // ranked 5, 3, 8, 1, 9; relevant {1, 3, 7}; k = 5 -> hits at ranks 2 and 4, R = 3.
        int[] ranked = [5, 3, 8, 1, 9];
        int[] relevant = [1, 3, 7];

        var s = RankingMetrics.Score(ranked, relevant, 5);

        // P = 2 / 5; recall = 2 / 3.
        Assert.Equal(0.4, s.Precision, Tolerance);
        Assert.Equal(2.0 / 3, s.Recall, Tolerance);
        // DCG = 1/log2(3) + 1/log2(5) = 0.63092975 + 0.43067656 = 1.06160631;
        // IDCG over min(5, 3) = 3 ranks = 1 + 0.63092975 + 0.5 = 2.13092975; nDCG = 0.49818926.
        Assert.Equal(0.49818925746641285, s.Ndcg, Tolerance);
        // AP = 1/2 (1 hit at rank 2) + 2/4 (2 hits at rank 4) = 1; MAP term = 1 / R = 1/3; MAP@5 term = 1 / min(5, 3) = 1/3.
        Assert.Equal(1.0 / 3, s.AveragePrecision, Tolerance);
        Assert.Equal(1.0 / 3, s.AveragePrecisionAtK, Tolerance);
    }

    [Fact]
    public void Map_at_k_divides_by_k_when_there_are_more_relevant_items_than_k()
    {
        // ranked 3, 4; relevant {1, 3, 7}; k = 2 -> hit at rank 1 only.
        int[] ranked = [3, 4];
        int[] relevant = [1, 3, 7];

        // P = 1/2; recall = 1/3; nDCG = 1 / (1 + 1/log2(3)) = 1 / 1.63092975 = 0.61314719;
        // AP = 1/1 = 1; MAP term = 1/3 (AP / R); MAP@2 term = 1/2 (AP / min(2, 3)).
        Assert.Equal(0.5, RankingMetrics.PrecisionAtK(ranked, relevant, 2), Tolerance);
        Assert.Equal(1.0 / 3, RankingMetrics.RecallAtK(ranked, relevant, 2), Tolerance);
        Assert.Equal(0.6131471927654584, RankingMetrics.NdcgAtK(ranked, relevant, 2), Tolerance);
        Assert.Equal(1.0 / 3, RankingMetrics.AveragePrecision(ranked, relevant, 2), Tolerance);
        Assert.Equal(0.5, RankingMetrics.AveragePrecisionAtK(ranked, relevant, 2), Tolerance);
    }

    [Fact]
    public void Only_the_first_k_ranked_items_count()
    {
        // k = 2 of ranked 4, 9, 3: the hit at rank 3 is beyond k -> everything 0.
        var s = RankingMetrics.Score([4, 9, 3], [3], 2);

        Assert.Equal(default, s);
    }

    [Fact]
    public void Precision_divides_by_k_even_when_fewer_items_were_ranked()
    {
        // One ranked item, a hit, k = 10: P = 1/10 (python_evaluation divides by k), recall = 1/1,
        // nDCG = (1/log2 2) / (1/log2 2) = 1, AP = 1, MAP = 1/1, MAP@10 = 1/min(10, 1) = 1.
        var s = RankingMetrics.Score([7], [7], 10);

        Assert.Equal(new UserRankingScores(0.1, 1, 1, 1, 1), s);
    }

    [Fact]
    public void A_user_without_hits_or_without_relevant_items_scores_zero()
    {
        Assert.Equal(default, RankingMetrics.Score([1, 2], [5], 10));
        Assert.Equal(default, RankingMetrics.Score([1, 2], [], 10));
    }

    [Fact]
    public void Catalog_coverage_counts_distinct_recommended_items()
    {
        // {1, 2} ∪ {2, 3} = 3 distinct items of a 10-item catalog.
        ScoredItem[][] lists = [[new(1, 1), new(2, 1)], [new(2, 1), new(3, 1)]];

        Assert.Equal(0.3, RankingMetrics.CatalogCoverage(lists, 10), Tolerance);
    }
}
