using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Recommender.Api.Experiments;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Apis;

/// <summary>
/// The admin view and edit of experiments.json. Concurrency is optimistic, per experiment: GET gives the
/// experiment's ETag, PUT requires it in If-Match — absent: 428 Precondition Required (RFC 6585; a PUT without it
/// would silently overwrite someone else's change), stale: 412 Precondition Failed with the current ETag; "*"
/// deliberately overwrites whatever is current. Who changed what is taken from the X-Actor header until
/// authentication exists ("anonymous" without it), and recorded in the history with the flag before and after.
/// </summary>
public static class ExperimentsApi
{
    public const string ActorHeader = "X-Actor";
    public const string AnonymousActor = "anonymous";
    public const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/experiments").WithTags("Experiments");
        group.MapGet("/", GetExperiments)
            .WithName("GetExperiments")
            .WithSummary("The experiments configuration in force, its version (ETag header) and the last refused edit with every reason.");
        group.MapGet("/{id}", GetExperiment)
            .WithName("GetExperiment")
            .WithSummary("One experiment's feature flag; its ETag header is what PUT needs in If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", PutExperiment)
            .WithName("PutExperiment")
            .WithSummary("Replace an experiment's feature flag (If-Match required); validated in full, written to experiments.json atomically, recorded in the history.")
            .WithDescription("Body: the feature flag in the Microsoft feature-management schema (its id may be omitted). " +
                "428 without If-Match, 412 when it is stale (the problem carries currentETag), 422 listing every validation error by JSON path in experiments.json — nothing is changed then. " +
                "X-Actor names who makes the change (no authentication yet; \"anonymous\" without it).")
            .Accepts<JsonElement>("application/json")
            .Produces<ExperimentResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithMetadata(new RequestBodySizeLimit(MaxBodyBytes));
        group.MapGet("/{id}/history", GetHistory)
            .WithName("GetExperimentHistory")
            .WithSummary("Every change of the experiment, oldest first: who, when, the flag before and after.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/assignments/{userId}", GetAssignment)
            .WithName("GetExperimentAssignment")
            .WithSummary("Which variant the user gets and why (percentile, user, group, default_when_enabled, default_when_disabled); ?groups=a,b places the user in groups.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<ExperimentsResponse> GetExperiments(ExperimentsConfigStore store, HttpResponse response)
    {
        var config = store.Current;
        response.Headers.ETag = $"\"{config.Version}\"";
        var refusal = store.LastRefusal;
        return TypedResults.Ok(new ExperimentsResponse(
            config.Version,
            store.FilePath,
            config.Placements,
            config.Experiments.Values.Select(e => Describe(config, e)).ToList(), // in file order: the parser adds them so
            refusal is null ? null : new RefusedEdit(refusal.At, refusal.Errors)));
    }

    private static Results<Ok<ExperimentResponse>, ProblemHttpResult> GetExperiment(string id, ExperimentsConfigStore store, HttpResponse response)
    {
        var config = store.Current;
        if (!config.Experiments.TryGetValue(id, out var experiment))
            return UnknownExperiment(id);
        response.Headers.ETag = experiment.ETag;
        return TypedResults.Ok(Describe(config, experiment));
    }

    private static async Task<Results<Ok<ExperimentResponse>, ProblemHttpResult>> PutExperiment(
        string id, HttpRequest request, HttpResponse response, ExperimentsConfigStore store, ExperimentEditor editor, CancellationToken cancellationToken)
    {
        if (!store.Current.Experiments.ContainsKey(id))
            return UnknownExperiment(id);
        JsonElement flag;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }, cancellationToken);
            flag = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Malformed request body", $"The body is not valid JSON: {e.Message}", "body");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestValidation.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body must be at most {MaxBodyBytes} bytes.", "body");
        }

        var edit = await editor.ReplaceAsync(id, flag, request.Headers.IfMatch.ToString(), Actor(request), cancellationToken);
        switch (edit.Outcome)
        {
            case ExperimentEditOutcome.Replaced:
                response.Headers.ETag = edit.After!.ETag;
                return TypedResults.Ok(Describe(edit.Config!, edit.After));
            case ExperimentEditOutcome.NotFound:
                return UnknownExperiment(id);
            case ExperimentEditOutcome.PreconditionRequired:
                return PreconditionProblem(StatusCodes.Status428PreconditionRequired, "If-Match required",
                    $"Send If-Match with the experiment's ETag (from GET /v1/experiments/{id}), or \"*\" to overwrite whatever is current.", edit.CurrentETag!);
            case ExperimentEditOutcome.PreconditionFailed:
                return PreconditionProblem(StatusCodes.Status412PreconditionFailed, "Stale ETag",
                    $"Experiment '{id}' changed since that ETag; its current ETag is {edit.CurrentETag}. Read it again and reapply your change.", edit.CurrentETag!);
            default:
                return Invalid(edit.Errors);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<ExperimentChangeResponse>>, ProblemHttpResult>> GetHistory(
        string id, ExperimentsConfigStore store, IExperimentStore experiments, CancellationToken cancellationToken)
    {
        var changes = await experiments.ReadHistoryAsync(id, cancellationToken);
        // An experiment removed from the file still has its history; one that never existed has neither.
        if (changes.Count == 0 && !store.Current.Experiments.ContainsKey(id))
            return UnknownExperiment(id);
        IReadOnlyList<ExperimentChangeResponse> body = changes
            .Select(c => new ExperimentChangeResponse(c.Version, c.ChangedBy, c.ChangedAt, ParseOrNull(c.Before), ParseOrNull(c.After)))
            .ToList();
        return TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<AssignmentResponse>, ProblemHttpResult>> GetAssignment(
        string id, string userId, string? groups, IVariantAssigner assigner, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Invalid userId", "userId must be a non-empty string.", "userId");
        IReadOnlyList<string> groupList = groups?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var assignment = await assigner.AssignExperimentAsync(id, userId, groupList, cancellationToken);
        if (assignment is null)
            return UnknownExperiment(id);
        return TypedResults.Ok(new AssignmentResponse(assignment.Experiment, userId, groupList, assignment.Variant, assignment.Reason,
            assignment.Percentile, assignment.ConfigVersion, assignment.Policy.Parameters));
    }

    private static ExperimentResponse Describe(ExperimentsConfig config, ExperimentDefinition experiment)
    {
        using var flag = JsonDocument.Parse(experiment.Json);
        var placements = config.Placements.Where(p => p.Value == experiment.Id).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        return new ExperimentResponse(experiment.Id, experiment.ETag, config.Version, experiment.Enabled, placements, flag.RootElement.Clone());
    }

    /// <summary>The caller's identity for the history: X-Actor (trimmed, at most 200 characters) until authentication exists.</summary>
    private static string Actor(HttpRequest request)
    {
        var actor = request.Headers[ActorHeader].ToString().Trim();
        return actor.Length == 0 ? AnonymousActor : actor[..Math.Min(actor.Length, 200)];
    }

    private static JsonElement? ParseOrNull(string? json)
    {
        if (json is null)
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static ProblemHttpResult UnknownExperiment(string id) =>
        RequestValidation.Problem(StatusCodes.Status404NotFound, "Unknown experiment", $"No experiment '{id}' in experiments.json.", "id");

    private static ProblemHttpResult PreconditionProblem(int status, string title, string detail, string currentETag) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: new Dictionary<string, object?>
        {
            ["currentETag"] = currentETag,
            ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = [detail] },
        });

    /// <summary>422 with every error, keyed by its JSON path in experiments.json ("$.feature_management.feature_flags[0].allocation...").</summary>
    private static ProblemHttpResult Invalid(IReadOnlyList<string> errors)
    {
        var byPath = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            var split = error.IndexOf(": ", StringComparison.Ordinal);
            var (path, message) = split > 0 ? (error[..split], error[(split + 2)..]) : ("$", error);
            if (!byPath.TryGetValue(path, out var messages))
                byPath[path] = messages = [];
            messages.Add(message);
        }
        return TypedResults.Problem(
            title: "Invalid experiment",
            detail: $"{errors.Count} validation error(s); nothing was changed. Each key of errors is a JSON path in experiments.json.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errors"] = byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal) });
    }

    private sealed class RequestBodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
