using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tuning;

/// <summary>One hyper-parameter setting to try: a readable description and a factory for the unfitted model.</summary>
public sealed record TuningCandidate(string Description, Func<IRecommender> Create);
