namespace Recommender.Experiments.Outcomes;

/// <summary>One reason an outcome event was refused, naming the field as the API spells it (eventId, type, ...).</summary>
public readonly record struct OutcomeFieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
