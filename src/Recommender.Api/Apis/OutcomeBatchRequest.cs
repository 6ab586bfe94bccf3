namespace Recommender.Api.Apis;

/// <summary>
/// The body of POST /v1/outcomes, as documented in OpenAPI. The endpoint reads it with
/// <see cref="OutcomeBatchReader"/>, which reports every invalid field rather than the first.
/// </summary>
public sealed record OutcomeBatchRequest(IReadOnlyList<OutcomeEventRequest> Events);

/// <summary>One outcome event reported by the analytics store.</summary>
/// <param name="EventId">Producer-assigned id; a repeated id is a duplicate, not stored again.</param>
/// <param name="Type">click, add_to_cart, purchase, rating or dismiss.</param>
/// <param name="UserId">The user who acted.</param>
/// <param name="ItemId">The item acted on.</param>
/// <param name="RequestId">The recommendation response that led to it, when known (attribution to its variant).</param>
/// <param name="Timestamp">When it happened, ISO 8601 with an offset (e.g. 2026-11-29T10:15:00Z).</param>
/// <param name="Value">Revenue for a purchase, the rating for a rating (required there); absent otherwise.</param>
public sealed record OutcomeEventRequest(
    string EventId,
    string Type,
    string UserId,
    string ItemId,
    string? RequestId,
    DateTimeOffset Timestamp,
    double? Value);
