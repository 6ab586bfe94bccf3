using Recommender.Experiments.Outcomes;

namespace Recommender.Api.Cli;

/// <summary>One data record of an outcomes CSV: the event, or why it was refused.</summary>
/// <param name="Line">The 1-based line the record starts on (the header is line 1).</param>
/// <param name="Event">The valid event; null when refused.</param>
/// <param name="Problem">Every reason it was refused; null when valid.</param>
internal sealed record OutcomeCsvRecord(int Line, OutcomeEvent? Event, string? Problem);
