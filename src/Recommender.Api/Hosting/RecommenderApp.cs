using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using OpenTelemetry.Metrics;
using Recommender.Api.Apis;
using Recommender.Api.Experiments;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;
using Scalar.AspNetCore;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Hosting;

/// <summary>The composition root of the HTTP service.</summary>
public static class RecommenderApp
{
    /// <param name="args">Host arguments (e.g. --urls, --environment).</param>
    /// <param name="overrides">Configuration that wins over files and environment (the CLI's --data, --models).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // appsettings.json ships next to the binary; data and model paths stay relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);

        builder.Services.AddOptions<RecommenderOptions>()
            .BindConfiguration(RecommenderOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.ModelNames.Count > 0 && o.ModelNames.All(ModelPresets.IsKnown), $"Recommender:Models may only name known presets: {string.Join(", ", ModelPresets.Names)}")
            .Validate(o => o.ModelNames.Contains(o.SimilarItemsModel), "Recommender:SimilarItemsModel must be one of Recommender:Models")
            .ValidateOnStart();
        builder.Services.AddOptions<ScoringSettings>().BindConfiguration(ScoringSettings.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScoringSettings>, ScoringSettingsValidator>();
        builder.Services.AddSingleton(sp => new ScoringMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(ScoringMetrics.MeterName))));
        builder.Services.AddSingleton<ServingScorers>();
        builder.Services.AddSingleton<ModelScoringGauge>();
        // GET /metrics: the scoring instruments in Prometheus text format. Batch sizes and waits get buckets of their
        // own scale (queries; microseconds to tens of milliseconds) rather than the default latency buckets.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ScoringMetrics.MeterName)
            .AddView(ScoringMetrics.BatchSizeInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] })
            .AddView(ScoringMetrics.QueueWaitInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1] })
            .AddView(ScoringMetrics.BatchDurationInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25] })
            // Scrapes see the current values: no cached answer (the exporter caches 300 ms by default).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        builder.Services.AddProblemDetails();
        // Minimal payloads: the verbose-only fields are null and left out.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, RecommendationsJsonContext.Default);
        });
        builder.Services.AddOpenApi(OpenApiExamples.Add);
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton(sp => new ModelRegistry(
            Path.GetFullPath(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.ModelsPath),
            ModelPresets.KindsScoringWith(sp.GetRequiredService<ServingScorers>().For)));
        builder.Services.AddHostedService<ModelBootstrapper>();
        builder.Services.AddHostedService<RegistryWatcher>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new RuleWorkflowHost(new RuleWorkflowHostOptions(
            Path.GetFullPath(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.RulesPath))));
        // Learned rankers are registry versions: loaded when a variant naming one is validated and built.
        builder.Services.AddSingleton(sp => StrategyCatalog.CreateDefault(
            (name, version) => sp.GetRequiredService<ModelRegistry>().LoadRanker(name, version).Ranker));
        builder.Services.AddSingleton(sp => new ExperimentsConfigStore(
            sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.ExperimentsPath,
            new ExperimentsValidator(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value, sp.GetRequiredService<StrategyCatalog>(),
                sp.GetRequiredService<RuleWorkflowHost>(), sp.GetRequiredService<ModelRegistry>()).Validate,
            sp.GetRequiredService<ILogger<ExperimentsConfigStore>>()));
        // Feature management reads its flags from the last validated experiments.json, never from the file itself.
        builder.Services.AddSingleton<ExperimentFeatureDefinitions>();
        builder.Services.AddSingleton<Microsoft.FeatureManagement.IFeatureDefinitionProvider>(sp => sp.GetRequiredService<ExperimentFeatureDefinitions>());
        builder.Services.AddFeatureManagement();
        builder.Services.AddSingleton<FeatureEvaluationReasons>();
        builder.Services.AddSingleton<IVariantAssigner, FeatureManagementVariantAssigner>();
        builder.Services.AddSingleton<ExperimentEditor>();
        builder.Services.AddSingleton<ExperimentStoreHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExperimentStoreHost>());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ExperimentStoreHost>().Store);
        builder.Services.AddHostedService<ExperimentHistoryRecorder>();
        // After the store's host: hosted services stop in reverse order, so the log drains before the store closes.
        builder.Services.AddOptions<ExposureLogSettings>()
            .BindConfiguration(ExposureLogSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ExposureLogHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExposureLogHost>());
        builder.Services.AddSingleton<ExposureRecorder>();
        builder.Services.AddSingleton<RecommendationPipeline>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        // Interactive docs over the same document.
        app.MapScalarApiReference("/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthApi();
        app.MapItemsApi();
        app.MapRecommendationsApi();
        app.MapModelsApi();
        app.MapRulesApi();
        app.MapExperimentsApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOutcomesApi();
        app.MapExperimentResultsApi();

        // Fail at start, not at the first request, when experiments.json or the rules folder is unusable.
        app.Services.GetRequiredService<ExperimentsConfigStore>();
        // The device gauge observes the model store from the first scrape on.
        app.Services.GetRequiredService<ModelScoringGauge>();
        return app;
    }
}
