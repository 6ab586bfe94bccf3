namespace Recommender.Experiments.Storage;

/// <summary>
/// Which store to open: PostgreSQL when a connection string is configured, otherwise the embedded SQLite file.
/// </summary>
public sealed record ExperimentStoreOptions
{
    /// <summary>PostgreSQL connection string; null or empty selects SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The SQLite file (the app's data folder, e.g. data/experiments.db).</summary>
    public string SqlitePath { get; init; } = Path.Combine("data", "experiments.db");
}
