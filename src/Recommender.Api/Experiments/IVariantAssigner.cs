using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>Step 1 of the request path: the experiment and variant a user gets on a placement.</summary>
public interface IVariantAssigner
{
    /// <summary>The assignment, or null when the placement maps to no experiment.</summary>
    ValueTask<ExperimentAssignment?> AssignAsync(string placement, string userId, CancellationToken cancellationToken);
}
