namespace Recommender.Api.Apis;

/// <summary>The answer to POST /v1/outcomes once the batch is durable.</summary>
/// <param name="Accepted">Events newly stored.</param>
/// <param name="Duplicates">Events whose eventId was already stored (or repeated in the batch): not stored again.</param>
public sealed record OutcomesAccepted(int Accepted, int Duplicates);
