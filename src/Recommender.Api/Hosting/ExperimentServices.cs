using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Recommender.Api.Experiments;
using Recommender.Api.Serving;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;

namespace Recommender.Api.Hosting;

/// <summary>
/// Experiments: the validated experiments.json, assignment by feature management, the experiments store, and the
/// exposure log that records every answer.
/// </summary>
internal static class ExperimentServices
{
    public static IServiceCollection AddExperiments(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ExperimentsConfigStore(
            sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.ExperimentsPath,
            new ExperimentsValidator(sp.GetRequiredService<IOptions<RecommenderOptions>>().Value, sp.GetRequiredService<StrategyCatalog>(),
                sp.GetRequiredService<RuleWorkflowHost>(), sp.GetRequiredService<ModelRegistry>()).Validate,
            sp.GetRequiredService<ILogger<ExperimentsConfigStore>>()));
        // Feature management reads its flags from the last validated experiments.json, never from the file itself.
        services.AddSingleton<ExperimentFeatureDefinitions>();
        services.AddSingleton<IFeatureDefinitionProvider>(sp => sp.GetRequiredService<ExperimentFeatureDefinitions>());
        services.AddFeatureManagement();
        services.AddSingleton<FeatureEvaluationReasons>();
        services.AddSingleton<IVariantAssigner, FeatureManagementVariantAssigner>();
        services.AddSingleton<ExperimentEditor>();
        services.AddSingleton<ExperimentStoreHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ExperimentStoreHost>());
        services.AddSingleton(sp => sp.GetRequiredService<ExperimentStoreHost>().Store);
        services.AddHostedService<ExperimentHistoryRecorder>();
        // After the store's host: hosted services stop in reverse order, so the log drains before the store closes.
        services.AddOptions<ExposureLogSettings>()
            .BindConfiguration(ExposureLogSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ExposureLogHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ExposureLogHost>());
        services.AddSingleton<ExposureRecorder>();
        return services;
    }
}
