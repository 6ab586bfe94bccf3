namespace Recommender.Experiments.Outcomes;

/// <summary>
/// One outcome reported by the analytics store (a click, a purchase, ...). <see cref="EventId"/> is the
/// idempotency key: a second event with the same id is a duplicate and is not stored again, whatever it holds.
/// </summary>
/// <param name="EventId">Unique id assigned by the producer.</param>
/// <param name="Type">click, add_to_cart, purchase, rating, dismiss (validated by the ingestion endpoint).</param>
/// <param name="UserId">The user who acted.</param>
/// <param name="ItemId">The item acted on.</param>
/// <param name="RequestId">The recommendation response that led to it, when known.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Value">Revenue, rating, ...; absent for events without a value.</param>
public sealed record OutcomeEvent(
    string EventId,
    string Type,
    string UserId,
    string ItemId,
    string? RequestId,
    DateTimeOffset Timestamp,
    double? Value);
