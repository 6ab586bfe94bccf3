namespace Recommender.Experiments.Outcomes;

/// <summary>The outcome of <see cref="OutcomeEventValidator"/>: the event when every field is valid, otherwise every error.</summary>
public sealed record OutcomeValidation(OutcomeEvent? Event, IReadOnlyList<OutcomeFieldError> Errors)
{
    public bool IsValid => Event is not null;
}
