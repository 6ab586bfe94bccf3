using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>Step 1 of the request path: the experiment and variant a user gets on a placement.</summary>
public interface IVariantAssigner
{
    /// <summary>The assignment, or null when the placement maps to no experiment.</summary>
    ValueTask<ExperimentAssignment?> AssignAsync(string placement, string userId, CancellationToken cancellationToken) =>
        AssignAsync(placement, userId, [], cancellationToken);

    /// <summary>The assignment of a user in <paramref name="groups"/> (for group allocations), or null when the placement maps to no experiment.</summary>
    ValueTask<ExperimentAssignment?> AssignAsync(string placement, string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken);

    /// <summary>The assignment in experiment <paramref name="experimentId"/> whatever the placement, or null when it does not exist.</summary>
    ValueTask<ExperimentAssignment?> AssignExperimentAsync(string experimentId, string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken);
}
