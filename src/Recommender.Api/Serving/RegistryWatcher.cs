using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Ensemble.Registry;

namespace Recommender.Api.Serving;

/// <summary>
/// Serves new model versions as they are published: the registry renames a complete version folder into
/// <c>&lt;root&gt;/&lt;model&gt;/&lt;version&gt;</c>, this watcher sees the new folder, loads it off the request path
/// and, when it was trained on the served data, adds it to the <see cref="ModelStore"/> in one atomic swap.
/// Versions already loaded and versions of other data are left alone.
/// </summary>
public sealed class RegistryWatcher(ModelStore store, ModelRegistry registry, IOptions<RecommenderOptions> options, ILogger<RegistryWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.WhenReady.WaitAsync(stoppingToken);
        Directory.CreateDirectory(registry.Root);
        var changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new FileSystemWatcher(registry.Root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.DirectoryName };
        watcher.Created += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) => changes.Writer.TryWrite(e.FullPath);
        watcher.EnableRaisingEvents = true;
        // Versions published between start-up loading and the watcher starting.
        LoadNewVersions();

        await foreach (var path in changes.Reader.ReadAllAsync(stoppingToken))
        {
            var relative = Path.GetRelativePath(registry.Root, path).Split(Path.DirectorySeparatorChar);
            if (relative.Length == 2 && !relative[1].StartsWith('.'))
                LoadNewVersions();
        }
    }

    private void LoadNewVersions()
    {
        if (store.Serving is not { } serving)
            return;
        var fingerprint = serving.Dataset.Fingerprint();
        foreach (var name in options.Value.ModelNames)
        {
            IReadOnlyList<ModelManifest> versions;
            try
            {
                versions = registry.Versions(name);
            }
            catch (ModelArtifactException e)
            {
                logger.LogWarning("Registry scan of {Model} failed: {Reason}", name, e.Message);
                continue;
            }
            // Only versions newer than the latest served: older ones left in the registry stay on disk.
            var latest = store.Serving!.Models.TryGetValue(name, out var served) ? VersionNumber(served.Latest.Version) : 0;
            foreach (var manifest in versions.Where(m => m.DataFingerprint == fingerprint && VersionNumber(m.Version) > latest))
            {
                try
                {
                    var (m, model) = registry.Load(name, manifest.Version);
                    store.Publish(new LoadedModel(m, model));
                    logger.LogInformation("Model {Model} version {Version} published by the registry is now served", name, manifest.Version);
                }
                catch (ModelArtifactException e)
                {
                    logger.LogError("Model {Model} version {Version} could not be loaded and is not served: {Reason}", name, manifest.Version, e.Message);
                }
            }
        }
    }

    private static long VersionNumber(string version) => ModelVersions.VersionNumber(version);
}
