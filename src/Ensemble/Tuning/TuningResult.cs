using Recommender.Ensemble.Evaluation;

namespace Recommender.Ensemble.Tuning;

/// <summary>How one candidate did on the validation split.</summary>
public sealed record TuningResult(TuningCandidate Candidate, EvaluationResult Validation);
