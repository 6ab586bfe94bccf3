using Microsoft.Extensions.Options;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;

namespace Recommender.Api.Hosting;

/// <summary>The request path's parts: models from the registry, strategies, business rules, the pipeline.</summary>
internal static class ServingServices
{
    public static IServiceCollection AddServing(this IServiceCollection services)
    {
        services.AddSingleton<ModelStore>();
        services.AddSingleton(sp => new ModelRegistry(
            Path.GetFullPath(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.ModelsPath),
            ModelPresets.KindsScoringWith(sp.GetRequiredService<ServingScorers>().For)));
        services.AddHostedService<ModelBootstrapper>();
        services.AddHostedService<RegistryWatcher>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RuleWorkflowHost(new RuleWorkflowHostOptions(
            Path.GetFullPath(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.RulesPath))));
        // Learned rankers are registry versions: loaded when a variant naming one is validated and built.
        services.AddSingleton(sp => StrategyCatalog.CreateDefault(
            (name, version) => sp.GetRequiredService<ModelRegistry>().LoadRanker(name, version).Ranker));
        services.AddOptions<CandidateCacheSettings>().BindConfiguration(CandidateCacheSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new CandidateCache(sp.GetRequiredService<IOptions<CandidateCacheSettings>>().Value,
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(CandidateCache.MeterName))));
        services.AddSingleton<RequestIds>();
        services.AddSingleton<RecommendationPipeline>();
        return services;
    }
}
