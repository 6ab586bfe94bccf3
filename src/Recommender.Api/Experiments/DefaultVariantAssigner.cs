using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>
/// Serves every user the experiment's default variant (default_when_enabled, or default_when_disabled when the
/// flag is off): the policy source until traffic splitting by percentile arrives with the experiments issue.
/// </summary>
public sealed class DefaultVariantAssigner(ExperimentsConfigStore store) : IVariantAssigner
{
    public ValueTask<ExperimentAssignment?> AssignAsync(string placement, string userId, CancellationToken cancellationToken)
    {
        var config = store.Current;
        if (!config.Placements.TryGetValue(placement, out var experimentId) || !config.Experiments.TryGetValue(experimentId, out var experiment))
            return ValueTask.FromResult<ExperimentAssignment?>(null);
        var (variant, reason) = experiment.Enabled
            ? (experiment.DefaultWhenEnabled, "default_when_enabled")
            : (experiment.DefaultWhenDisabled, "default_when_disabled");
        variant ??= experiment.Variants.Keys.First();
        return ValueTask.FromResult<ExperimentAssignment?>(
            new ExperimentAssignment(experiment.Id, variant, reason, config.Version, experiment.Variants[variant]));
    }
}
