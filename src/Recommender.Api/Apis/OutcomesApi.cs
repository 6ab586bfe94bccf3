using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Apis;

/// <summary>
/// The ingest role: outcome events (clicks, purchases, ...) from the analytics store. A batch is validated whole,
/// stored in one transaction and acknowledged with 202 only once it is durable; eventId makes resending safe.
/// </summary>
public static class OutcomesApi
{
    /// <summary>A full batch of 1000 events with long ids stays well below this; larger bodies get 413 unread.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/outcomes", PostOutcomes)
            .WithTags("Outcomes")
            .WithName("PostOutcomes")
            .WithSummary("Report outcome events; idempotent by eventId, 202 once the batch is durable.")
            .WithDescription("Body: {events: [{eventId, type: click|add_to_cart|purchase|rating|dismiss, userId, itemId, requestId?, " +
                "timestamp (ISO 8601 with offset), value?}]}, 1 to 1000 events. Every invalid field is reported (e.g. \"events[3].type\") " +
                "and nothing of an invalid batch is stored. Events whose eventId is already stored count as duplicates. An outcome is " +
                "attributed to the variant of the exposure its requestId names, otherwise to the user's assignment.")
            .Accepts<OutcomeBatchRequest>("application/json")
            .Produces<OutcomesAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    private static async Task<Results<Accepted<OutcomesAccepted>, ProblemHttpResult>> PostOutcomes(
        HttpRequest http, IExperimentStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Malformed request body", $"The body is not valid JSON: {e.Message}", "body");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestValidation.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body must be at most {MaxBodyBytes} bytes; send at most {OutcomeBatchReader.MaxEvents} events a call.", "body");
        }
        using (document)
        {
            var events = OutcomeBatchReader.Read(document.RootElement, out var errors, out var tooMany);
            if (events is null)
            {
                return tooMany
                    ? RequestValidation.Problem(StatusCodes.Status413PayloadTooLarge, "Too many events", errors["events"][0], "events")
                    : RequestValidation.Problems(StatusCodes.Status400BadRequest, "Invalid outcome events", errors);
            }
            try
            {
                var stored = await store.AppendOutcomesAsync(events, cancellationToken);
                return TypedResults.Accepted((string?)null, new OutcomesAccepted(stored.Accepted, stored.Duplicates));
            }
            catch (DbException e)
            {
                // Whether the commit happened is unknown: resending is safe, eventIds make it idempotent.
                loggers.CreateLogger(typeof(OutcomesApi)).LogWarning(e, "Storing {Count} outcome events failed.", events.Count);
                return TypedResults.Problem(title: "Outcome store unavailable",
                    detail: "The batch could not be made durable; resend it (events already stored count as duplicates).",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }
    }
}
