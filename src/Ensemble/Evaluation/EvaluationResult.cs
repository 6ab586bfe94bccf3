namespace Recommender.Ensemble.Evaluation;

/// <summary>
/// The offline accuracy of one model at k, each metric the mean over <see cref="Users"/> test users
/// (definitions in <see cref="RankingMetrics"/>). <see cref="Map"/> is the benchmark table's MAP (AP / R),
/// <see cref="MapAtK"/> divides by min(k, R). <see cref="TrainSeconds"/> is whatever the caller measured for
/// fitting (0 when it did not fit); <see cref="RecommendSeconds"/> is wall time for recommending to every user.
/// <see cref="UserNdcg"/> holds each test user's nDCG in user-index order, the same order for every model
/// evaluated on one split, so that two models can be compared user by user (<see cref="PairedDifference"/>).
/// </summary>
public sealed record EvaluationResult(
    string Model,
    double Map,
    double MapAtK,
    double Ndcg,
    double Precision,
    double Recall,
    double Coverage,
    int Users,
    double TrainSeconds,
    double RecommendSeconds,
    IReadOnlyList<double> UserNdcg)
{
    /// <summary>Standard error of <see cref="Ndcg"/>: the users' sample standard deviation over √users.</summary>
    public double NdcgStandardError => PairedDifference.StandardErrorOfMean(UserNdcg);
}
