using Recommender.Api.Apis;

namespace Recommender.Api.Serving;

/// <summary>How a recommendation request ended: an answer, or why there is none.</summary>
public sealed record PipelineOutcome(PipelineOutcomeKind Kind, RecommendationResponse? Response = null, ExperimentAssignment? Assignment = null)
{
    public static PipelineOutcome NotReady { get; } = new(PipelineOutcomeKind.NotReady);

    public static PipelineOutcome UnknownPlacement { get; } = new(PipelineOutcomeKind.UnknownPlacement);

    public static PipelineOutcome Ok(RecommendationResponse response, ExperimentAssignment assignment) =>
        new(PipelineOutcomeKind.Ok, response, assignment);
}

public enum PipelineOutcomeKind
{
    Ok,
    NotReady,
    UnknownPlacement,
}
