using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// The exclusions of query <paramref name="queryIndex"/> of a batch (e.g. that user's CSR row of seen items).
/// A delegate rather than an array because <see cref="ExclusionFilter"/> is a ref struct over spans that are not copied;
/// scorers call it on the calling thread only, once or twice per query.
/// </summary>
public delegate ExclusionFilter ExclusionSelector(int queryIndex);
