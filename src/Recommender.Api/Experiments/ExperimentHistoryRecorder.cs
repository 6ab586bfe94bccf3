using System.Threading.Channels;
using Recommender.Experiments.History;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Experiments;

/// <summary>
/// Records edits of experiments.json made on disk (by hand, by a deploy) that took effect, so the history holds every
/// change and not only the admin API's: one entry per experiment added, changed or removed, by
/// <see cref="ExperimentsConfigStore.FileEditor"/>. Admin edits are recorded by <see cref="ExperimentEditor"/> itself,
/// which knows the caller. Changes are queued as the store reports them and written in order, off the reload path.
/// </summary>
public sealed class ExperimentHistoryRecorder : BackgroundService
{
    private readonly ExperimentsConfigStore _config;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<ExperimentHistoryRecorder> _logger;
    private readonly Channel<ConfigChange> _changes = Channel.CreateUnbounded<ConfigChange>(new UnboundedChannelOptions { SingleReader = true });

    public ExperimentHistoryRecorder(ExperimentsConfigStore config, IServiceProvider services, TimeProvider time, ILogger<ExperimentHistoryRecorder> logger)
    {
        _config = config;
        _services = services;
        _time = time;
        _logger = logger;
        _config.Changed += OnChanged;
    }

    private void OnChanged(object? sender, ConfigChange change)
    {
        if (change.ChangedBy == ExperimentsConfigStore.FileEditor)
            _changes.Writer.TryWrite(change);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not in the constructor: the store is opened by a hosted service that starts first.
        var history = _services.GetRequiredService<IExperimentStore>();
        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            var at = _time.GetUtcNow();
            foreach (var entry in Diff(change, at))
            {
                try
                {
                    await history.AppendHistoryAsync(entry, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "Could not record the file edit of experiment {Experiment} in the history", entry.ExperimentId);
                }
            }
        }
    }

    /// <summary>One entry per experiment whose flag differs between the two configurations.</summary>
    public static IEnumerable<ExperimentChange> Diff(ConfigChange change, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ids = change.Before.Experiments.Keys.Union(change.After.Experiments.Keys).Order(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var before = change.Before.Experiments.GetValueOrDefault(id);
            var after = change.After.Experiments.GetValueOrDefault(id);
            if (before?.Json == after?.Json)
                continue;
            yield return new ExperimentChange(id, after?.ETag ?? "", change.ChangedBy, at, before?.Json, after?.Json);
        }
    }

    public override void Dispose()
    {
        _config.Changed -= OnChanged;
        base.Dispose();
    }
}
