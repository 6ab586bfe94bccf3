using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Experiments.Exposures;

namespace Recommender.Api.Experiments;

/// <summary>
/// Runs the <see cref="ExposureLog"/> that the request path appends to, writing into the store that
/// <see cref="ExperimentStoreHost"/> opened. Registered after that host: hosted services stop in reverse order,
/// after the server has finished its in-flight requests, so stopping here writes every queued exposure (and
/// replays the spool) before the store is disposed. What the shutdown deadline cuts off stays in the spool and
/// is replayed by the next start.
/// </summary>
public sealed class ExposureLogHost(
    IOptions<ExposureLogSettings> settings,
    IOptions<RecommenderOptions> recommender,
    ExperimentStoreHost storeHost,
    TimeProvider timeProvider,
    IMeterFactory meterFactory,
    ILogger<ExposureLog> logger) : IHostedService, IAsyncDisposable
{
    private ExposureLog? _log;

    /// <summary>The running log. Available once the host has started.</summary>
    public ExposureLog Log =>
        _log ?? throw new InvalidOperationException("The exposure log is started when the host starts.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = settings.Value.ToOptions(recommender.Value.ExperimentsDatabase);
        _log = new ExposureLog(storeHost.Store, options, logger, timeProvider, meterFactory.Create(new MeterOptions(ExposureLog.MeterName)));
        await _log.StartAsync(cancellationToken);
        logger.LogInformation("Exposure log writing to {Provider} in batches of up to {BatchSize}; spool at {Spool}",
            storeHost.Store.Provider, options.BatchSize, options.SpoolDirectory);
    }

    /// <param name="cancellationToken">The host's shutdown deadline: what is not written by then is spooled.</param>
    public Task StopAsync(CancellationToken cancellationToken) =>
        _log?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _log?.DisposeAsync() ?? ValueTask.CompletedTask;
}
