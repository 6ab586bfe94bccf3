using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// One source of ranker training data: models fitted without <see cref="Validation"/>'s rows, the item features
/// of the data they were fitted on, and the held-out rows whose items are the positive labels.
/// </summary>
public sealed record RankerTrainingFold(CandidateGenerator Generator, RankingFeatureSource Features, InteractionLog Validation);
