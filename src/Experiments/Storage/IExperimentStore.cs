using Recommender.Experiments.Exposures;

namespace Recommender.Experiments.Storage;

/// <summary>
/// The experiments database (SQLite or PostgreSQL, one schema): exposures, outcomes, configuration history and
/// the analysis queries. Implementations are thread-safe; open one per process and share it.
/// </summary>
public interface IExperimentStore : IExposureStore, IOutcomeStore, IExperimentHistoryStore, IExperimentResultsStore, IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Provider { get; }

    /// <summary>The schema migrations applied to this database, oldest first.</summary>
    Task<IReadOnlyList<AppliedMigration>> ReadAppliedMigrationsAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored exposure with this request id, or null.</summary>
    Task<Exposure?> FindExposureAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Stored exposures, of one experiment or (null) of all.</summary>
    Task<long> CountExposuresAsync(string? experiment = null, CancellationToken cancellationToken = default);

    /// <summary>Stored outcome events.</summary>
    Task<long> CountOutcomesAsync(CancellationToken cancellationToken = default);
}
