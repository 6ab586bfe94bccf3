using Recommender.Api.Hosting;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;

namespace Recommender.Api.Experiments;

/// <summary>
/// The checks on experiments.json that need the running service: every variant names models this service serves,
/// a known strategy with valid parameters, and a rules workflow that exists.
/// </summary>
public sealed class ExperimentsValidator(RecommenderOptions options, StrategyCatalog strategies, RuleWorkflowHost rules)
{
    public IReadOnlyList<string> Validate(ExperimentsConfig config)
    {
        var errors = new List<string>();
        var served = options.ModelNames.ToHashSet(StringComparer.Ordinal);
        foreach (var experiment in config.Experiments.Values)
        {
            foreach (var (variant, policy) in experiment.Variants)
            {
                var path = $"{experiment.Id}.variants.{variant}";
                foreach (var model in policy.Models.Where(m => !served.Contains(m)))
                    errors.Add($"{path}.models: '{model}' is not served (Recommender:Models is {options.Models})");
                try
                {
                    strategies.Create(policy.Strategy, policy.Parameters);
                }
                catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    errors.Add($"{path}.strategy: {e.Message}");
                }
                if (!rules.HasWorkflow(policy.Rules))
                    errors.Add($"{path}.rules: workflow '{policy.Rules}' does not exist (known: {string.Join(", ", rules.WorkflowNames.Order(StringComparer.Ordinal))})");
            }
        }
        return errors;
    }
}
