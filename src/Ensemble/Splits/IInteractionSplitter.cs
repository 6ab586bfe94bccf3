using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Splits;

/// <summary>
/// Divides an interaction log into train and test rows. Both halves are subsets of the same log
/// (<see cref="InteractionLog.Subset"/>), so they share its id maps and evaluation never translates ids.
/// Rows keep their file order within each half. Deterministic: the same log and settings give the same split.
/// </summary>
public interface IInteractionSplitter
{
    (InteractionLog Train, InteractionLog Test) Split(InteractionLog log);
}
