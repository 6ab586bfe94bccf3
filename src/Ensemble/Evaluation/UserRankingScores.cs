namespace Recommender.Ensemble.Evaluation;

/// <summary>
/// One user's ranking metrics at k (see <see cref="RankingMetrics"/> for the definitions); an evaluation
/// reports the mean of each over users.
/// </summary>
public readonly record struct UserRankingScores(
    double Precision,
    double Recall,
    double Ndcg,
    double AveragePrecision,
    double AveragePrecisionAtK);
