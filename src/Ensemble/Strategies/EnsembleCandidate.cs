namespace Recommender.Ensemble.Strategies;

/// <summary>
/// One item of a combined ranking: the strategy's score (higher is better; the order of the list is the ranking)
/// and, aligned with the strategy's input lists, what each source said about it.
/// </summary>
/// <param name="Item">Item index in the models' shared index space.</param>
/// <param name="Score">The strategy's combined score; business rules may multiply it.</param>
/// <param name="Sources">One entry per input <see cref="CandidateList"/>, in input order.</param>
public sealed record EnsembleCandidate(int Item, float Score, SourceScore[] Sources);
