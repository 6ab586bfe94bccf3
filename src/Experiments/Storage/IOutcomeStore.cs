using Recommender.Experiments.Outcomes;

namespace Recommender.Experiments.Storage;

/// <summary>Where outcome events are persisted. Appends are idempotent by event id.</summary>
public interface IOutcomeStore
{
    /// <summary>
    /// Stores the batch in one transaction and returns only once it is durable (committed with a synchronous
    /// flush), so a caller may acknowledge it. Events whose id is already stored are counted as duplicates.
    /// </summary>
    Task<OutcomeAppendResult> AppendOutcomesAsync(IReadOnlyList<OutcomeEvent> batch, CancellationToken cancellationToken = default);
}
