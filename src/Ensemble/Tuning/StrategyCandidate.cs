using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tuning;

/// <summary>
/// One ensemble configuration to try: which members feed it (a subset of the search's members, in this order),
/// how many candidates each gives, and how to build the strategy on a validation fold (a learned ranker trains
/// there, on the fold's inner train only).
/// </summary>
public sealed record StrategyCandidate(string Description, IReadOnlyList<string> Sources, int PoolSize, Func<EnsembleFold, IEnsembleStrategy> Create);
