using Recommender.Experiments.History;

namespace Recommender.Experiments.Storage;

/// <summary>The audit trail of experiment configuration changes.</summary>
public interface IExperimentHistoryStore
{
    Task AppendHistoryAsync(ExperimentChange change, CancellationToken cancellationToken = default);

    /// <summary>The experiment's changes, oldest first.</summary>
    Task<IReadOnlyList<ExperimentChange>> ReadHistoryAsync(string experimentId, CancellationToken cancellationToken = default);
}
