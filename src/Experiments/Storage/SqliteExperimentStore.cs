using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Recommender.Experiments.Analysis;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.History;
using Recommender.Experiments.Outcomes;

namespace Recommender.Experiments.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Exposure batches commit with synchronous=NORMAL (safe
/// against a process crash, fast); outcome batches with synchronous=FULL, because the ingestion endpoint
/// acknowledges them as durable.
/// </summary>
public sealed class SqliteExperimentStore : IExperimentStore
{
    private const string InsertOutcome = """
        INSERT OR IGNORE INTO outcomes (event_id, type, user_id, item_id, request_id, occurred_at, value, received_at)
        VALUES (@EventId, @Type, @UserId, @ItemId, @RequestId, @OccurredAt, @Value, @ReceivedAt)
        """;

    private const string SelectExposure = """
        SELECT request_id AS RequestId, exposed_at AS ExposedAt, user_id AS UserId, experiment AS Experiment,
               variant AS Variant, config_version AS ConfigVersion, model_versions AS ModelVersions,
               strategy AS Strategy, items AS Items
        FROM exposures WHERE request_id = @RequestId
        """;

    private const long MemoryMapBytes = 256L * 1024 * 1024;
    private const int CacheKibibytes = 64 * 1024;

    // WAL pages before a commit copies them into the database (SQLite's default is 1,000, 4 MB). An exposure batch
    // dirties a page of the per-user index for nearly every user it holds, so a 4 MB WAL was checkpointed after
    // about every batch and each hot index page was written twice per batch; at 40 MB it is copied once per ten or
    // so batches (≈ 30% less CPU per exposure at 4,500 per batch).
    private const int WalCheckpointPages = 10_000;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly TimeProvider _timeProvider;
    private readonly SqliteExposureWriter _exposureWriter;

    private SqliteExperimentStore(string connectionString, int busyTimeoutMilliseconds, TimeProvider timeProvider)
    {
        _connectionString = connectionString;
        _busyTimeoutMilliseconds = busyTimeoutMilliseconds;
        _timeProvider = timeProvider;
        _exposureWriter = new SqliteExposureWriter(OpenAsync);
    }

    public string Provider => "sqlite";

    /// <summary>Opens (creating when missing) the database and applies pending migrations.</summary>
    public static async Task<SqliteExperimentStore> OpenAsync(
        SqliteStoreOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var store = new SqliteExperimentStore(
            builder.ToString(), (int)options.BusyTimeout.TotalMilliseconds, timeProvider ?? TimeProvider.System);

        await using var connection = await store.OpenAsync(durable: true, cancellationToken);
        // WAL is a property of the file (it persists), and cannot be switched inside a transaction.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL", cancellationToken: cancellationToken));
        await MigrationRunner.ApplyAsync(connection, MigrationScript.Load("Sqlite"), lockStatement: null, store._timeProvider, cancellationToken);
        return store;
    }

    public Task<int> AppendExposuresAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Count == 0 ? Task.FromResult(0) : _exposureWriter.AppendAsync(batch, cancellationToken);
    }

    public async Task<OutcomeAppendResult> AppendOutcomesAsync(IReadOnlyList<OutcomeEvent> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return new OutcomeAppendResult(0, 0);
        var receivedAt = UnixMicroseconds.From(_timeProvider.GetUtcNow());
        var rows = batch.Select(o => new
        {
            o.EventId,
            o.Type,
            o.UserId,
            o.ItemId,
            o.RequestId,
            OccurredAt = UnixMicroseconds.From(o.Timestamp),
            o.Value,
            ReceivedAt = receivedAt,
        });
        var accepted = await InsertInTransactionAsync(InsertOutcome, rows, durable: true, cancellationToken);
        return new OutcomeAppendResult(accepted, batch.Count - accepted);
    }

    public async Task AppendHistoryAsync(ExperimentChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await OpenAsync(durable: true, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO experiment_history (experiment_id, version, changed_by, changed_at, before_config, after_config)
            VALUES (@ExperimentId, @Version, @ChangedBy, @ChangedAt, @Before, @After)
            """,
            new
            {
                change.ExperimentId,
                change.Version,
                change.ChangedBy,
                ChangedAt = UnixMicroseconds.From(change.ChangedAt),
                change.Before,
                change.After,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ExperimentChange>> ReadHistoryAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(experimentId);
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        var rows = await connection.QueryAsync<(string ExperimentId, string Version, string ChangedBy, long ChangedAt, string? Before, string? After)>(
            new CommandDefinition(
                """
                SELECT experiment_id, version, changed_by, changed_at, before_config, after_config
                FROM experiment_history WHERE experiment_id = @ExperimentId ORDER BY id
                """,
                new { ExperimentId = experimentId },
                cancellationToken: cancellationToken));
        return rows.Select(r => new ExperimentChange(
            r.ExperimentId, r.Version, r.ChangedBy, UnixMicroseconds.ToTime(r.ChangedAt), r.Before, r.After)).ToList();
    }

    public async Task<Exposure?> FindExposureAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ExposureRow<long>>(new CommandDefinition(
            SelectExposure, new { RequestId = requestId }, cancellationToken: cancellationToken));
        return row?.ToExposure(UnixMicroseconds.ToTime(row.ExposedAt));
    }

    public async Task<IReadOnlyList<AppliedMigration>> ReadAppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        return await MigrationRunner.ReadAsync(connection, cancellationToken);
    }

    public async Task<long> CountExposuresAsync(string? experiment = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        return await ResultsQueries.CountExposuresAsync(connection, experiment, cancellationToken);
    }

    public async Task<long> CountOutcomesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        return await ResultsQueries.CountOutcomesAsync(connection, cancellationToken);
    }

    public async Task<IReadOnlyList<VariantExposureCounts>> GetVariantExposureCountsAsync(string experiment, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        return await ResultsQueries.VariantExposureCountsAsync(connection, experiment, cancellationToken);
    }

    public async Task<IReadOnlyList<VariantMetricSums>> GetVariantMetricSumsAsync(string experiment, OutcomeMetric metric, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        return await ResultsQueries.VariantMetricSumsAsync(connection, experiment, metric, cancellationToken);
    }

    public async IAsyncEnumerable<UserMetricValue> ReadUserMetricValuesAsync(
        string experiment, OutcomeMetric metric, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(durable: false, cancellationToken);
        await foreach (var value in ResultsQueries.UserMetricValuesAsync(connection, experiment, metric, cancellationToken))
            yield return value;
    }

    /// <summary>Closes the exposure writer's connection; the others are pooled by the provider and closed per call.</summary>
    public ValueTask DisposeAsync() => _exposureWriter.DisposeAsync();

    private async Task<int> InsertInTransactionAsync<TRow>(string sql, IEnumerable<TRow> rows, bool durable, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(durable, cancellationToken);
        // BEGIN IMMEDIATE: take the write lock up front so a busy database fails here, not half-way.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private async Task<SqliteConnection> OpenAsync(bool durable, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection, and pooled connections are shared between both kinds of write: set every time.
            // Pages are read through a memory map and kept in a 64 MB cache: each exposure batch updates two indexes,
            // and reading their pages with a system call each cost more CPU than the inserts under serving load.
            // Every connection checkpoints at the same WAL size, so an outcome write does not pay for the exposures'.
            await connection.ExecuteAsync(new CommandDefinition(
                string.Create(CultureInfo.InvariantCulture,
                    $"PRAGMA synchronous={(durable ? "FULL" : "NORMAL")}; PRAGMA busy_timeout={_busyTimeoutMilliseconds}; PRAGMA mmap_size={MemoryMapBytes}; PRAGMA cache_size=-{CacheKibibytes}; PRAGMA wal_autocheckpoint={WalCheckpointPages}"),
                cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
