namespace Recommender.Experiments.Storage;

/// <summary>Opens the configured store, migrated to the current schema.</summary>
public static class ExperimentStore
{
    public static async Task<IExperimentStore> OpenAsync(
        ExperimentStoreOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.PostgresConnectionString)
            ? await SqliteExperimentStore.OpenAsync(new SqliteStoreOptions(options.SqlitePath), timeProvider, cancellationToken)
            : await PostgresExperimentStore.OpenAsync(options.PostgresConnectionString, timeProvider, cancellationToken);
    }
}
