using Microsoft.Extensions.Options;
using Recommender.Api.Apis;
using Recommender.Api.Experiments;
using Scalar.AspNetCore;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;

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
        builder.Services.AddScoring();
        builder.Services.AddProblemDetails();
        // Minimal payloads: the verbose-only fields are null and left out.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, RecommendationsJsonContext.Default);
        });
        builder.Services.AddOpenApi(OpenApiExamples.Add);
        builder.Services.AddServing();
        builder.Services.AddExperiments();

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
