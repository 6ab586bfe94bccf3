using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Experiments;

/// <summary>
/// Opens the experiments database (PostgreSQL when <c>ConnectionStrings:Experiments</c> is set, otherwise the
/// embedded SQLite file) and applies its migrations before the server takes requests, so that a broken database
/// fails the start rather than the first request. Disposes it on shutdown, after the hosted services registered
/// later (the exposure log) have drained into it.
/// </summary>
public sealed class ExperimentStoreHost(
    IOptions<RecommenderOptions> options,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<ExperimentStoreHost> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>The connection string name for PostgreSQL.</summary>
    public const string ConnectionStringName = "Experiments";

    private IExperimentStore? _store;

    /// <summary>The open store. Available once the host has started.</summary>
    public IExperimentStore Store =>
        _store ?? throw new InvalidOperationException("The experiments store is opened when the host starts.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storeOptions = new ExperimentStoreOptions
        {
            PostgresConnectionString = configuration.GetConnectionString(ConnectionStringName),
            SqlitePath = options.Value.ExperimentsDatabase,
        };
        _store = await ExperimentStore.OpenAsync(storeOptions, timeProvider, cancellationToken);
        var migrations = await _store.ReadAppliedMigrationsAsync(cancellationToken);
        logger.LogInformation("Experiments store: {Provider}{Location}, schema version {Version}",
            _store.Provider,
            _store.Provider == "sqlite" ? $" at {Path.GetFullPath(storeOptions.SqlitePath)}" : string.Empty,
            migrations.Count == 0 ? "none" : migrations[^1].Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // Closing happens in DisposeAsync: hosted services stop in reverse order, and the container disposes
    // singletons only after every one of them has stopped.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
            await _store.DisposeAsync();
    }
}
