using System.Diagnostics;
using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;

namespace Recommender.Api.Serving;

/// <summary>
/// At start, makes every configured model servable for the configured data: the latest registry version whose
/// data fingerprint matches is loaded; when there is none the model is trained on the data, published, and the
/// log says so. Readiness turns green when all are in the <see cref="ModelStore"/>.
/// </summary>
public sealed class ModelBootstrapper(
    ModelStore store,
    ModelRegistry registry,
    ServingScorers scorers,
    IOptions<RecommenderOptions> options,
    ILogger<ModelBootstrapper> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Loading and training are CPU-bound; run them off the start-up path so liveness answers at once.
        Task.Run(() =>
        {
            try
            {
                Bootstrap(stoppingToken);
            }
            catch (Exception e)
            {
                // Readiness stays red and the host stops (BackgroundService failures stop the host).
                logger.LogCritical(e, "Could not load the models: {Reason}", e.Message);
                store.MarkFailed(e);
                throw;
            }
        }, stoppingToken);

    private void Bootstrap(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var dataPath = Path.GetFullPath(settings.DataPath);
        var stopwatch = Stopwatch.StartNew();
        var dataset = DatasetLoader.Load(dataPath, cancellationToken: cancellationToken).Dataset;
        var fingerprint = dataset.Fingerprint();
        store.PublishDataset(dataset);
        logger.LogInformation("Loaded {Interactions} interactions, {Items} catalog items from {DataPath} (fingerprint {Fingerprint}) in {Seconds:F1} s",
            dataset.Interactions.Count, dataset.Catalog.Count, dataPath, fingerprint, stopwatch.Elapsed.TotalSeconds);

        TrainingData? training = null;
        foreach (var name in settings.ModelNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var manifest = registry.FindLatest(name, fingerprint);
            if (manifest is not null)
            {
                var (loadedManifest, model) = registry.Load(name, manifest.Version);
                store.Publish(new LoadedModel(loadedManifest, model));
                logger.LogInformation("Model {Model} version {Version} loaded from the registry", name, manifest.Version);
                continue;
            }

            logger.LogWarning("No version of model {Model} in {Registry} was trained on this data (fingerprint {Fingerprint}): training it now",
                name, registry.Root, fingerprint);
            training ??= new TrainingData(dataset.Interactions, dataset.Catalog);
            stopwatch.Restart();
            var fresh = ModelPresets.Create(name, scorers.For(name));
            fresh.Fit(training, cancellationToken);
            var published = registry.Publish(name, fresh, fingerprint);
            store.Publish(new LoadedModel(published, fresh));
            logger.LogInformation("Model {Model} trained in {Seconds:F1} s and published as version {Version}", name, stopwatch.Elapsed.TotalSeconds, published.Version);
        }
        store.MarkReady();
        logger.LogInformation("All {Count} models ready", settings.ModelNames.Count);
    }
}
