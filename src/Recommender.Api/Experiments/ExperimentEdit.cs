namespace Recommender.Api.Experiments;

/// <summary>What became of an admin edit.</summary>
public sealed record ExperimentEdit(ExperimentEditOutcome Outcome, string? CurrentETag, IReadOnlyList<string> Errors, ExperimentsConfig? Config, ExperimentDefinition? After)
{
    public static ExperimentEdit NotFound() => new(ExperimentEditOutcome.NotFound, null, [], null, null);

    public static ExperimentEdit PreconditionRequired(string etag) => new(ExperimentEditOutcome.PreconditionRequired, etag, [], null, null);

    public static ExperimentEdit PreconditionFailed(string etag) => new(ExperimentEditOutcome.PreconditionFailed, etag, [], null, null);

    public static ExperimentEdit Invalid(IReadOnlyList<string> errors) => new(ExperimentEditOutcome.Invalid, null, errors, null, null);

    public static ExperimentEdit Replaced(ExperimentsConfig config, ExperimentDefinition after) => new(ExperimentEditOutcome.Replaced, after.ETag, [], config, after);
}
