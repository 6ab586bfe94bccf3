using Recommender.Experiments.Storage;
using Recommender.Experiments.Tests.TestData;

namespace Recommender.Experiments.Tests.Exposures;

/// <summary>The PostgreSQL server is stopped and started again through scripts/postgres.sh.</summary>
[Collection(PostgresOutages.Name)]
public sealed class PostgresExposureLogTests : ExposureLogContract
{
    private PostgresSchema? _schema;

    protected override bool ReadableWhileBroken => false;

    public override async ValueTask InitializeAsync()
    {
        PostgresServer.RequireClusterDirectory();
        _schema = await PostgresSchema.CreateAsync(Ct);
    }

    protected override async Task<IExperimentStore> OpenNewStoreAsync() =>
        await PostgresExperimentStore.OpenAsync(_schema!.ConnectionString, cancellationToken: Ct);

    protected override Task BreakDatabaseAsync() => PostgresServer.StopAsync(Ct);

    protected override Task RestoreDatabaseAsync() => PostgresServer.StartAsync(Ct);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_schema is not null)
            await _schema.DisposeAsync();
    }
}
