using Microsoft.Data.Sqlite;
using Recommender.Experiments.Storage;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Experiments.Tests.Exposures;

/// <summary>
/// The SQLite database is made unavailable by another connection holding an exclusive transaction: every write
/// waits out the busy timeout and fails with SQLITE_BUSY (a read-only folder would not stop root, which CI is).
/// </summary>
public sealed class SqliteExposureLogTests : ExposureLogContract
{
    private SqliteConnection? _lock;

    private string DatabasePath => Folder.File("experiments.db");

    protected override bool ReadableWhileBroken => true;

    protected override async Task<IExperimentStore> OpenNewStoreAsync() =>
        await SqliteExperimentStore.OpenAsync(
            new SqliteStoreOptions(DatabasePath) { BusyTimeout = TimeSpan.FromSeconds(1) }, cancellationToken: Ct);

    protected override async Task BreakDatabaseAsync()
    {
        _lock = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await _lock.OpenAsync(Ct);
        await using var command = _lock.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE";
        await command.ExecuteNonQueryAsync(Ct);
    }

    protected override async Task RestoreDatabaseAsync()
    {
        if (_lock is null)
            return;
        await using (var command = _lock.CreateCommand())
        {
            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync(Ct);
        }
        await _lock.DisposeAsync();
        _lock = null;
    }

    public override async ValueTask DisposeAsync()
    {
        await RestoreDatabaseAsync();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
