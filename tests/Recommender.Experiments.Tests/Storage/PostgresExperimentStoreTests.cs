using Npgsql;
using Recommender.Experiments.Storage;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Experiments.Tests.Storage;

public sealed class PostgresExperimentStoreTests : ExperimentStoreContract
{
    private PostgresSchema? _schema;

    private PostgresSchema Schema => _schema ?? throw new InvalidOperationException("Not initialised.");

    public override async ValueTask InitializeAsync() => _schema = await PostgresSchema.CreateAsync(Ct);

    protected override async Task<IExperimentStore> OpenNewStoreAsync() =>
        await PostgresExperimentStore.OpenAsync(Schema.ConnectionString, cancellationToken: Ct);

    protected override async Task ExecuteRawAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Schema.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_schema is not null)
            await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_starts_migrate_once()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenNewStoreAsync()));
        try
        {
            Assert.All(stores, s => Assert.Equal("postgresql", s.Provider));
            Assert.Equal([1], (await stores[0].ReadAppliedMigrationsAsync(Ct)).Select(m => m.Version));
        }
        finally
        {
            foreach (var store in stores)
                await store.DisposeAsync();
        }
    }
}
