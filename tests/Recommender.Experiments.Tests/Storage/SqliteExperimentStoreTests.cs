using Microsoft.Data.Sqlite;
using Recommender.Experiments.Storage;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Experiments.Tests.Storage;

public sealed class SqliteExperimentStoreTests : ExperimentStoreContract
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => _folder.File("nested/experiments.db");

    protected override async Task<IExperimentStore> OpenNewStoreAsync() =>
        await SqliteExperimentStore.OpenAsync(new SqliteStoreOptions(DatabasePath), cancellationToken: Ct);

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_database_is_in_wal_mode()
    {
        await OpenStoreAsync();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }
}
