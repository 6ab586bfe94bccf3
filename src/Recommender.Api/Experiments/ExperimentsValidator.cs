using System.Text.Json;
using Recommender.Api.Hosting;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;

namespace Recommender.Api.Experiments;

/// <summary>
/// The checks on experiments.json that need the running service: every variant names models this service serves
/// (and, where it pins one, a version the registry holds), a known strategy whose parameters have the right types and
/// name the variant's own models, and a rules workflow that exists. Errors carry the JSON path in the file, like the
/// parser's, and every one is reported, not only the first.
/// </summary>
public sealed class ExperimentsValidator(RecommenderOptions options, StrategyCatalog strategies, RuleWorkflowHost rules, ModelRegistry registry)
{
    public IReadOnlyList<string> Validate(ExperimentsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        var served = options.ModelNames.ToHashSet(StringComparer.Ordinal);
        foreach (var experiment in config.Experiments.Values)
        {
            foreach (var (variant, policy) in experiment.Variants)
            {
                var path = $"{experiment.VariantPath(variant)}.configuration_value";
                for (var i = 0; i < policy.Models.Count; i++)
                {
                    if (!served.Contains(policy.Models[i]))
                        errors.Add($"{path}.models[{i}]: '{policy.Models[i]}' is not served (Recommender:Models is {options.Models})");
                }
                foreach (var (model, version) in policy.ModelVersions)
                {
                    if (VersionError(model, version) is { } error)
                        errors.Add($"{path}.modelVersions.{model}: {error}");
                }
                StrategyPolicyCheck.Collect(strategies, policy, path, errors);
                if (!rules.HasWorkflow(policy.Rules))
                    errors.Add($"{path}.rules: workflow '{policy.Rules}' does not exist (known: {string.Join(", ", rules.WorkflowNames.Order(StringComparer.Ordinal))})");
            }
        }
        return errors;
    }

    private string? VersionError(string model, string version)
    {
        try
        {
            var versions = registry.Versions(model);
            return versions.Any(m => string.Equals(m.Version, version, StringComparison.Ordinal))
                ? null
                : $"version '{version}' of '{model}' is not in the model registry (it has {(versions.Count == 0 ? "none" : string.Join(", ", versions.Select(m => m.Version)))})";
        }
        catch (ModelArtifactException e)
        {
            return $"the registry cannot be read for '{model}': {e.Message}";
        }
    }
}
