using Recommender.Api.Experiments;
using Recommender.Api.Serving;

namespace Recommender.Api.Simulation;

/// <summary>
/// Assigns every request one given variant: the simulator has already drawn each user's variant by its own hashed
/// allocation (possibly a deliberately broken one), and the pipeline must serve exactly that variant.
/// </summary>
public sealed class FixedVariantAssigner(ExperimentAssignment assignment) : IVariantAssigner
{
    public ValueTask<ExperimentAssignment?> AssignAsync(string placement, string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ExperimentAssignment?>(assignment);

    public ValueTask<ExperimentAssignment?> AssignExperimentAsync(string experimentId, string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ExperimentAssignment?>(experimentId == assignment.Experiment ? assignment : null);
}
