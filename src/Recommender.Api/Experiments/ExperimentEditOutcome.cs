namespace Recommender.Api.Experiments;

/// <summary>How an admin edit of an experiment ended.</summary>
public enum ExperimentEditOutcome
{
    Replaced,
    NotFound,
    PreconditionRequired,
    PreconditionFailed,
    Invalid,
}
