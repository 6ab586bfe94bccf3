using Recommender.Api.Experiments;
using Recommender.Api.Serving;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;
using Recommender.Ensemble.Tuning;

namespace Recommender.Api.Cli;

/// <summary>
/// The variants of an experiments file as ensemble-search candidates, so that `tune --policies` can score on
/// validation carves what is about to be shown to users. Offline each model is fitted per carve from its preset, so
/// pinned model versions do not apply, and business rules are left out: the comparison is of models and strategy.
/// </summary>
internal static class PolicyCandidates
{
    /// <summary>Candidates in file order, the model presets they draw on, and every problem found (path: reason).</summary>
    public static (IReadOnlyList<string> Members, IReadOnlyList<StrategyCandidate> Candidates, IReadOnlyList<string> Errors) From(ExperimentsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var strategies = StrategyCatalog.CreateDefault();
        var members = new List<string>();
        var candidates = new List<StrategyCandidate>();
        var errors = new List<string>();
        foreach (var experiment in config.Experiments.Values)
        {
            foreach (var variant in experiment.VariantNames ?? [.. experiment.Variants.Keys])
            {
                var policy = experiment.Variants[variant];
                var path = $"{experiment.VariantPath(variant)}.configuration_value";
                var before = errors.Count;
                for (var i = 0; i < policy.Models.Count; i++)
                {
                    if (!ModelPresets.IsKnown(policy.Models[i]))
                        errors.Add($"{path}.models[{i}]: '{policy.Models[i]}' is not a model preset (known: {string.Join(", ", ModelPresets.Names)})");
                }
                // A learned policy names a registry ranker trained on other data; offline one is trained per carve instead.
                var learned = policy.Strategy == LearnedRankerStrategy.StrategyName;
                if (!learned)
                    StrategyPolicyCheck.Collect(strategies, policy, path, errors);
                if (errors.Count > before)
                    continue;
                foreach (var model in policy.Models)
                {
                    if (!members.Contains(model))
                        members.Add(model);
                }
                candidates.Add(new StrategyCandidate($"{experiment.Id}/{variant}: {policy.Strategy} over {string.Join(", ", policy.Models)}",
                    policy.Models, policy.PoolSize, learned ? TrainedPerCarve(policy) : _ => strategies.Create(policy.Parameters)));
            }
        }
        return (members, candidates, errors);
    }

    /// <summary>A ranker with the policy's models as sources, trained on the carve's inner train only (as `tune --model ensemble:learned`).</summary>
    private static Func<EnsembleFold, IEnsembleStrategy> TrainedPerCarve(VariantPolicy policy) =>
        fold => new LearnedRankerStrategy(EnsemblePresets.TrainRanker(fold.InnerTrain, sources: policy.Models));
}
