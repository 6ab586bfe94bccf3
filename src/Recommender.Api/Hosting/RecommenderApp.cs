using Recommender.Api.Apis;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;

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
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton(sp => new ModelRegistry(
            Path.GetFullPath(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RecommenderOptions>>().Value.ModelsPath),
            ModelPresets.Kinds));
        builder.Services.AddHostedService<ModelBootstrapper>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/v1.json");
        app.MapHealthApi();
        app.MapItemsApi();
        return app;
    }
}
