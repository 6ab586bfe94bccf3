using Microsoft.Extensions.Options;
using Recommender.Api.Apis;
using Recommender.Api.Experiments;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;
using Scalar.AspNetCore;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
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
        builder.Services.AddProblemDetails();
        // Minimal payloads: the verbose-only fields are null and left out.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        builder.Services.AddOpenApi(OpenApiExamples.Add);
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton(sp => new ModelRegistry(
            Path.GetFullPath(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.ModelsPath),
            ModelPresets.Kinds));
        builder.Services.AddHostedService<ModelBootstrapper>();
        builder.Services.AddHostedService<RegistryWatcher>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new RuleWorkflowHost(new RuleWorkflowHostOptions(
            Path.GetFullPath(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.RulesPath))));
        builder.Services.AddSingleton(_ => StrategyCatalog.CreateDefault());
        builder.Services.AddSingleton(sp => new ExperimentsConfigStore(
            sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.ExperimentsPath,
            new ExperimentsValidator(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value, sp.GetRequiredService<StrategyCatalog>(), sp.GetRequiredService<RuleWorkflowHost>()).Validate,
            sp.GetRequiredService<ILogger<ExperimentsConfigStore>>()));
        builder.Services.AddSingleton<IVariantAssigner, DefaultVariantAssigner>();
        builder.Services.AddSingleton<ExperimentStoreHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExperimentStoreHost>());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ExperimentStoreHost>().Store);
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
        app.MapExperimentResultsApi();

        // Fail at start, not at the first request, when experiments.json or the rules folder is unusable.
        app.Services.GetRequiredService<ExperimentsConfigStore>();
        return app;
    }
}
