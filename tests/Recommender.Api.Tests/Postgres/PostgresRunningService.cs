namespace Recommender.Api.Tests.Postgres;

/// <summary>
/// The real service with its experiments store in a fresh schema of the assembly's PostgreSQL cluster. Without
/// PostgreSQL it does not start; the test classes using it skip (<see cref="TestPostgres.Require"/>), since a
/// skip thrown from a fixture would fail them instead.
/// </summary>
public sealed class PostgresRunningService(TestPostgres postgres) : RunningService
{
    public override async ValueTask InitializeAsync()
    {
        if (TestPostgres.IsConfigured)
            await base.InitializeAsync();
    }

    protected override async ValueTask<string?> ResolveExperimentsConnectionStringAsync() =>
        await postgres.CreateSchemaAsync(TestContext.Current.CancellationToken);
}
