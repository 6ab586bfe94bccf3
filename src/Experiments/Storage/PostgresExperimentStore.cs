using Dapper;
using Npgsql;
using NpgsqlTypes;
using Recommender.Experiments.Analysis;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.History;
using Recommender.Experiments.Outcomes;

namespace Recommender.Experiments.Storage;

/// <summary>
/// The shared store on PostgreSQL. An exposure batch is first binary-COPied straight into the table, in one
/// transaction: the fast path, and all-or-nothing. When that hits a duplicate request id (a retried or replayed
/// batch that had been committed), it goes again through a per-session temporary table and one
/// INSERT … ON CONFLICT DO NOTHING, which skips the stored rows. Outcome batches always take the second way,
/// since the caller wants the accepted and duplicate counts.
/// </summary>
public sealed class PostgresExperimentStore : IExperimentStore
{
    // Serialises concurrent starts' migrations (several service instances on one database).
    private const string MigrationLock =
        "SELECT pg_advisory_xact_lock(hashtext('recommender.experiments.migrations:' || current_schema()))";

    private const string CreateExposureStaging = """
        CREATE TEMP TABLE IF NOT EXISTS exposures_staging (
            request_id text, exposed_at timestamptz, user_id text, experiment text, variant text,
            config_version text, model_versions json, strategy text, items json
        ) ON COMMIT DELETE ROWS
        """;

    private const string CopyExposures = """
        COPY exposures
            (request_id, exposed_at, user_id, experiment, variant, config_version, model_versions, strategy, items)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyExposuresToStaging = """
        COPY exposures_staging
            (request_id, exposed_at, user_id, experiment, variant, config_version, model_versions, strategy, items)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string MergeExposures = """
        INSERT INTO exposures
            (request_id, exposed_at, user_id, experiment, variant, config_version, model_versions, strategy, items)
        SELECT request_id, exposed_at, user_id, experiment, variant, config_version, model_versions, strategy, items
        FROM exposures_staging
        ON CONFLICT (request_id) DO NOTHING
        """;

    private const string CreateOutcomeStaging = """
        CREATE TEMP TABLE IF NOT EXISTS outcomes_staging (
            event_id text, type text, user_id text, item_id text, request_id text,
            occurred_at timestamptz, value double precision, received_at timestamptz
        ) ON COMMIT DELETE ROWS
        """;

    private const string CopyOutcomes = """
        COPY outcomes_staging (event_id, type, user_id, item_id, request_id, occurred_at, value, received_at)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string MergeOutcomes = """
        INSERT INTO outcomes (event_id, type, user_id, item_id, request_id, occurred_at, value, received_at)
        SELECT event_id, type, user_id, item_id, request_id, occurred_at, value, received_at
        FROM outcomes_staging
        ON CONFLICT (event_id) DO NOTHING
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;

    private PostgresExperimentStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _timeProvider = timeProvider;
    }

    public string Provider => "postgresql";

    /// <summary>Connects and applies pending migrations (in the connection's first search_path schema).</summary>
    public static async Task<PostgresExperimentStore> OpenAsync(
        string connectionString, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // The store keeps no session state beyond its transactions (SET LOCAL, temporary tables emptied at
        // commit), so pooled connections need no DISCARD ALL on return: it cost a round trip per batch.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        var dataSource = NpgsqlDataSource.Create(builder);
        var store = new PostgresExperimentStore(dataSource, timeProvider ?? TimeProvider.System);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await MigrationRunner.ApplyAsync(connection, MigrationScript.Load("Postgres"), MigrationLock, store._timeProvider, cancellationToken);
            return store;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async Task<int> AppendExposuresAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return 0;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await CopyAsync(connection, CopyExposures, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return batch.Count;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Nothing of the COPY was kept; skip the stored request ids instead.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, transaction, CreateExposureStaging, cancellationToken);
            await CopyAsync(connection, CopyExposuresToStaging, batch, cancellationToken);
            var inserted = await Execute(connection, transaction, MergeExposures, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return inserted;
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, IReadOnlyList<Exposure> batch, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var exposure in batch)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(exposure.RequestId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(exposure.Time.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(exposure.UserId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(exposure.Experiment, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(exposure.Variant, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(exposure.ConfigVersion, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(StoreJson.ModelVersions(exposure), NpgsqlDbType.Json, cancellationToken);
            await importer.WriteAsync(exposure.Strategy, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(StoreJson.Items(exposure), NpgsqlDbType.Json, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    public async Task<OutcomeAppendResult> AppendOutcomesAsync(IReadOnlyList<OutcomeEvent> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return new OutcomeAppendResult(0, 0);
        var receivedAt = _timeProvider.GetUtcNow().UtcDateTime;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The caller acknowledges the batch as durable once this returns, whatever the server's default.
        await Execute(connection, transaction, "SET LOCAL synchronous_commit = on", cancellationToken);
        await Execute(connection, transaction, CreateOutcomeStaging, cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(CopyOutcomes, cancellationToken))
        {
            foreach (var outcome in batch)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(outcome.EventId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(outcome.Type, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(outcome.UserId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(outcome.ItemId, NpgsqlDbType.Text, cancellationToken);
                if (outcome.RequestId is null)
                    await importer.WriteNullAsync(cancellationToken);
                else
                    await importer.WriteAsync(outcome.RequestId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(outcome.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                if (outcome.Value is { } value)
                    await importer.WriteAsync(value, NpgsqlDbType.Double, cancellationToken);
                else
                    await importer.WriteNullAsync(cancellationToken);
                await importer.WriteAsync(receivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        var accepted = await Execute(connection, transaction, MergeOutcomes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new OutcomeAppendResult(accepted, batch.Count - accepted);
    }

    public async Task AppendHistoryAsync(ExperimentChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO experiment_history (experiment_id, version, changed_by, changed_at, before_config, after_config)
            VALUES (@ExperimentId, @Version, @ChangedBy, @ChangedAt, CAST(@Before AS json), CAST(@After AS json))
            """,
            new
            {
                change.ExperimentId,
                change.Version,
                change.ChangedBy,
                ChangedAt = change.ChangedAt.UtcDateTime,
                change.Before,
                change.After,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ExperimentChange>> ReadHistoryAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(experimentId);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ExperimentId, string Version, string ChangedBy, DateTime ChangedAt, string? Before, string? After)>(
            new CommandDefinition(
                """
                SELECT experiment_id, version, changed_by, changed_at, before_config::text, after_config::text
                FROM experiment_history WHERE experiment_id = @ExperimentId ORDER BY id
                """,
                new { ExperimentId = experimentId },
                cancellationToken: cancellationToken));
        return rows.Select(r => new ExperimentChange(
            r.ExperimentId, r.Version, r.ChangedBy, AsUtc(r.ChangedAt), r.Before, r.After)).ToList();
    }

    public async Task<Exposure?> FindExposureAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ExposureRow<DateTime>>(new CommandDefinition(
            """
            SELECT request_id AS RequestId, exposed_at AS ExposedAt, user_id AS UserId, experiment AS Experiment,
                   variant AS Variant, config_version AS ConfigVersion, model_versions::text AS ModelVersions,
                   strategy AS Strategy, items::text AS Items
            FROM exposures WHERE request_id = @RequestId
            """,
            new { RequestId = requestId },
            cancellationToken: cancellationToken));
        return row?.ToExposure(AsUtc(row.ExposedAt));
    }

    public async Task<IReadOnlyList<AppliedMigration>> ReadAppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await MigrationRunner.ReadAsync(connection, cancellationToken);
    }

    public async Task<long> CountExposuresAsync(string? experiment = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ResultsQueries.CountExposuresAsync(connection, experiment, cancellationToken);
    }

    public async Task<long> CountOutcomesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ResultsQueries.CountOutcomesAsync(connection, cancellationToken);
    }

    public async Task<IReadOnlyList<VariantExposureCounts>> GetVariantExposureCountsAsync(string experiment, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ResultsQueries.VariantExposureCountsAsync(connection, experiment, cancellationToken);
    }

    public async Task<IReadOnlyList<VariantMetricSums>> GetVariantMetricSumsAsync(string experiment, OutcomeMetric metric, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ResultsQueries.VariantMetricSumsAsync(connection, experiment, metric, cancellationToken);
    }

    public async IAsyncEnumerable<UserMetricValue> ReadUserMetricValuesAsync(
        string experiment, OutcomeMetric metric, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await foreach (var value in ResultsQueries.UserMetricValuesAsync(connection, experiment, metric, cancellationToken))
            yield return value;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));

    private static DateTimeOffset AsUtc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
