using Microsoft.Data.Sqlite;
using Recommender.Experiments.Exposures;

namespace Recommender.Experiments.Storage;

/// <summary>
/// Writes exposure batches through one long-lived connection and one prepared INSERT. Taking a pooled connection per
/// batch set its pragmas again each time and bound every row through reflection; and in WAL mode a connection drops its
/// page cache when another connection has written since its last transaction, so batches spread over several pooled
/// connections re-read the exposures table's index pages. One writer keeps its cache between batches.
/// Batches are serialised: SQLite has one writer at a time anyway. After a failure the connection is closed and
/// the next batch opens a fresh one, so a database that came back (or a file that was replaced) is picked up.
/// </summary>
internal sealed class SqliteExposureWriter(Func<bool, CancellationToken, Task<SqliteConnection>> open) : IAsyncDisposable
{
    private const string InsertExposure = """
        INSERT OR IGNORE INTO exposures
            (request_id, exposed_at, user_id, experiment, variant, config_version, model_versions, strategy, items)
        VALUES ($request_id, $exposed_at, $user_id, $experiment, $variant, $config_version, $model_versions, $strategy, $items)
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Prepared? _prepared;
    private bool _disposed;

    /// <summary>Inserts the batch in one transaction (synchronous=NORMAL) and returns how many rows were new.</summary>
    public async Task<int> AppendAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var prepared = _prepared ??= await PrepareAsync(cancellationToken);
            try
            {
                // A large batch keeps a core busy for tens of milliseconds. On a thread of its own the OS shares the
                // cores between it and the request threads; on a pool thread it would take one of the few workers the
                // request path runs on, and answers would queue behind it.
                return await Task.Factory.StartNew(() => prepared.Insert(batch, cancellationToken), cancellationToken,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            catch
            {
                // The connection may be in any state after a failed write (busy, I/O error, file gone): start over.
                _prepared = null;
                await prepared.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            if (_prepared is { } prepared)
                await prepared.DisposeAsync();
            _prepared = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Prepared> PrepareAsync(CancellationToken cancellationToken)
    {
        var connection = await open(false, cancellationToken);
        try
        {
            var command = connection.CreateCommand();
            command.CommandText = InsertExposure;
            foreach (var name in Prepared.ParameterNames)
                command.Parameters.Add(new SqliteParameter(name, null));
            command.Prepare();
            return new Prepared(connection, command);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Prepared(SqliteConnection connection, SqliteCommand insert) : IAsyncDisposable
    {
        public static readonly string[] ParameterNames =
            ["$request_id", "$exposed_at", "$user_id", "$experiment", "$variant", "$config_version", "$model_versions", "$strategy", "$items"];

        public int Insert(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken)
        {
            // SQLite is in-process: its "async" calls run synchronously anyway, so the plain ones save the task machinery.
            using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            var parameters = insert.Parameters;
            var inserted = 0;
            foreach (var exposure in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                parameters[0].Value = exposure.RequestId;
                parameters[1].Value = UnixMicroseconds.From(exposure.Time);
                parameters[2].Value = exposure.UserId;
                parameters[3].Value = exposure.Experiment;
                parameters[4].Value = exposure.Variant;
                parameters[5].Value = exposure.ConfigVersion;
                parameters[6].Value = StoreJson.ModelVersions(exposure);
                parameters[7].Value = exposure.Strategy;
                parameters[8].Value = StoreJson.Items(exposure);
                inserted += insert.ExecuteNonQuery();
            }
            transaction.Commit();
            insert.Transaction = null;
            return inserted;
        }

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
