using Recommender.Experiments.Exposures;

namespace Recommender.Experiments.Storage;

/// <summary>Where exposures are persisted. Appends are idempotent by request id.</summary>
public interface IExposureStore
{
    /// <summary>
    /// Stores the batch in one transaction; exposures whose request id is already stored (or repeated in the
    /// batch) are skipped, so a batch retried after an ambiguous failure is never written twice.
    /// </summary>
    /// <returns>The number of exposures newly stored.</returns>
    Task<int> AppendExposuresAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken = default);
}
