using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Recommender.Api.Serving;

namespace Recommender.Api.Apis;

/// <summary>The recommend role: a ranked list for a user, attributed to an experiment variant.</summary>
public static class RecommendationsApi
{
    /// <summary>Bodies above this size are refused with 413 before they are read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public const string DetailHeader = "X-Response-Detail";

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/recommendations", PostRecommendations)
            .WithTags("Recommendations")
            .WithName("PostRecommendations")
            .WithSummary("Recommendations for a user on a placement.")
            .WithDescription("Body: {userId, k?=10, placement?=\"default\", context?, recentItemIds?, excludeItemIds?}. " +
                "Header X-Response-Detail: verbose adds per-source scores and ranks, the rules that fired and stage timings.")
            .Accepts<RecommendationRequest>("application/json")
            .Produces<RecommendationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestBodySizeLimit(MaxBodyBytes));
        app.MapGet("/v1/users/{userId}/recommendations", GetRecommendations)
            .WithTags("Recommendations")
            .WithName("GetUserRecommendations")
            .WithSummary("The same as POST /v1/recommendations, for callers that cannot POST.");
        return app;
    }

    private static async Task<Results<JsonHttpResult<RecommendationResponse>, ProblemHttpResult>> PostRecommendations(
        HttpRequest http, RecommendationPipeline pipeline, ExposureRecorder exposures, CancellationToken cancellationToken)
    {
        RecommendationRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Body, RecommendationsJsonContext.Default.RecommendationRequest, cancellationToken);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Malformed request body",
                field == "body" ? $"The body is not valid JSON: {e.Message}" : $"'{field}' has the wrong type or format.", field);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestValidation.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body must be at most {MaxBodyBytes} bytes.", "body");
        }
        if (body is null)
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Missing request body", "A JSON object is required.", "body");
        return await Recommend(body, http, pipeline, exposures, cancellationToken);
    }

    private static Task<Results<JsonHttpResult<RecommendationResponse>, ProblemHttpResult>> GetRecommendations(
        string userId, string? k, string? placement, HttpRequest http, RecommendationPipeline pipeline, ExposureRecorder exposures, CancellationToken cancellationToken)
    {
        if (!RequestValidation.TryParseK(k, out var count, out var problem))
            return Task.FromResult<Results<JsonHttpResult<RecommendationResponse>, ProblemHttpResult>>(problem);
        return Recommend(new RecommendationRequest(userId, count, placement), http, pipeline, exposures, cancellationToken);
    }

    private static async Task<Results<JsonHttpResult<RecommendationResponse>, ProblemHttpResult>> Recommend(
        RecommendationRequest body, HttpRequest http, RecommendationPipeline pipeline, ExposureRecorder exposures, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.UserId))
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Invalid userId", "userId is required and must be a non-empty string.", "userId");
        // The exposure store (PostgreSQL text) cannot hold U+0000: refuse it here rather than serve an unloggable answer.
        if (body.UserId.Contains('\0', StringComparison.Ordinal))
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Invalid userId", "userId must not contain the NUL character.", "userId");
        var k = body.K ?? RequestValidation.DefaultK;
        if (k is < 1 or > RequestValidation.MaxK)
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Invalid k", $"k must be between 1 and {RequestValidation.MaxK}; got {k}.", "k");
        if (body.RecentItemIds?.Any(string.IsNullOrEmpty) == true)
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Invalid recentItemIds", "recentItemIds must hold non-empty item ids.", "recentItemIds");
        if (body.ExcludeItemIds?.Any(string.IsNullOrEmpty) == true)
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Invalid excludeItemIds", "excludeItemIds must hold non-empty item ids.", "excludeItemIds");
        if (Recommender.Api.Experiments.TargetingGroups.From(body.Context) is null)
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Invalid context.groups", "context.groups must be an array of non-empty group names.", "context.groups");
        var verbose = http.Headers[DetailHeader] is { Count: > 0 } detail && string.Equals(detail.ToString(), "verbose", StringComparison.OrdinalIgnoreCase);
        var placement = string.IsNullOrWhiteSpace(body.Placement) ? "default" : body.Placement;
        var request = new ValidRecommendationRequest(body.UserId, k, placement, body.Context, body.RecentItemIds ?? [], body.ExcludeItemIds ?? []);

        var outcome = await pipeline.RecommendAsync(request, verbose, cancellationToken);
        if (outcome.Kind == PipelineOutcomeKind.Ok)
        {
            // One exposure per answer served; queued in memory, the database is written off the request path.
            exposures.Record(outcome.Response!, outcome.Assignment!);
            // Written with the source-generated context's own options: only then does System.Text.Json take the
            // generated fast path (through the HTTP options' resolver chain it fell back to converters, ~2% of CPU).
            return TypedResults.Json(outcome.Response!, RecommendationsJsonContext.Default.RecommendationResponse);
        }
        return outcome.Kind switch
        {
            PipelineOutcomeKind.UnknownPlacement => RequestValidation.Problem(StatusCodes.Status404NotFound, "Unknown placement",
                $"No experiment serves placement '{placement}'.", "placement"),
            _ => RequestValidation.NotReady(),
        };
    }

    /// <summary>"$.k" → "k", "$.recentItemIds[2]" → "recentItemIds"; no path → "body".</summary>
    private static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            return "body";
        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
        var end = field.IndexOfAny(['.', '[']);
        return end > 0 ? field[..end] : field;
    }

    private sealed class RequestBodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
