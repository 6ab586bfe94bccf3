using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>
/// Assigns users to variants through Microsoft.FeatureManagement: IVariantFeatureManager.GetVariantAsync with a
/// TargetingContext (user id and groups) evaluates the experiment's flag — user lists, then group lists, then the
/// seeded percentile ranges, else the defaults — exactly as every other replica and the analytics side compute it.
/// The reason is the library's own (<see cref="FeatureEvaluationReasons"/>); the user's percentile is added to explain it.
/// </summary>
public sealed class FeatureManagementVariantAssigner(
    ExperimentsConfigStore store,
    ExperimentFeatureDefinitions definitions,
    IVariantFeatureManager features,
    FeatureEvaluationReasons reasons) : IVariantAssigner
{
    public ValueTask<ExperimentAssignment?> AssignAsync(string placement, string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var config = store.Current;
        return config.Placements.TryGetValue(placement, out var experimentId)
            ? AssignAsync(config, experimentId, userId, groups, withPercentile: false, cancellationToken)
            : ValueTask.FromResult<ExperimentAssignment?>(null);
    }

    /// <summary>The admin view of an assignment: with the user's percentile when the flag splits by percentile.</summary>
    public ValueTask<ExperimentAssignment?> AssignExperimentAsync(string experimentId, string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken) =>
        AssignAsync(store.Current, experimentId, userId, groups, withPercentile: true, cancellationToken);

    /// <param name="withPercentile">
    /// Whether to compute the user's percentile (a second hash of the user id) for the explanation: only the admin
    /// view shows it, so the request path does not pay for it.
    /// </param>
    private async ValueTask<ExperimentAssignment?> AssignAsync(
        ExperimentsConfig config, string experimentId, string userId, IReadOnlyList<string> groups, bool withPercentile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (!config.Experiments.TryGetValue(experimentId, out var experiment))
            return null;
        // Both async-local: they hold for this method's flow (GetVariantAsync included) and end with it.
        definitions.Pin(config);
        var reason = reasons.Expect();
        var variant = await features.GetVariantAsync(experiment.Id, new TargetingContext { UserId = userId, Groups = groups }, cancellationToken);
        if (variant is null || !experiment.Variants.TryGetValue(variant.Name, out var policy))
        {
            // The parser refuses flags that can leave a user without a variant, so this is a defect, not bad input.
            throw new InvalidOperationException($"Feature management assigned no known variant of experiment '{experiment.Id}' to user '{userId}' (got '{variant?.Name}').");
        }
        double? percentile = withPercentile && experiment.Percentiles.Count > 0 ? UserPercentile.Of(userId, experiment.Seed, experiment.Id) : null;
        return new ExperimentAssignment(experiment.Id, variant.Name, ReasonName(reason.Value), config.Version, policy, percentile);
    }

    /// <summary>
    /// The library's VariantAssignmentReason in the API's words. Our listener samples every evaluation, so the event
    /// is always there; should a library version stop sending it, the answer says so rather than guessing.
    /// </summary>
    private static string ReasonName(string? reason) => reason switch
    {
        "Percentile" => AssignmentReasons.Percentile,
        "User" => AssignmentReasons.User,
        "Group" => AssignmentReasons.Group,
        "DefaultWhenEnabled" => AssignmentReasons.DefaultWhenEnabled,
        "DefaultWhenDisabled" => AssignmentReasons.DefaultWhenDisabled,
        _ => AssignmentReasons.Unreported,
    };
}
