using Recommender.Ensemble.Evaluation;

namespace Recommender.Ensemble.Tuning;

/// <summary>How one ensemble candidate did: metrics averaged over the search's validation folds, and each fold's result.</summary>
public sealed record StrategyTuningResult(StrategyCandidate Candidate, double Ndcg, double Map, double Precision, double Recall, IReadOnlyList<EvaluationResult> Folds);
