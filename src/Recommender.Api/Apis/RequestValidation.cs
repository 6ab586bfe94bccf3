using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Recommender.Api.Apis;

/// <summary>Problem+json answers that name the offending field, shared by the endpoints.</summary>
internal static class RequestValidation
{
    public const int MaxK = 1000;
    public const int DefaultK = 10;

    /// <summary>Parses the k query parameter (absent → 10), or a 400 naming it.</summary>
    public static bool TryParseK(string? raw, out int k, out ProblemHttpResult problem)
    {
        problem = null!;
        if (raw is null)
        {
            k = DefaultK;
            return true;
        }
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out k) && k is >= 1 and <= MaxK)
            return true;
        problem = Problem(StatusCodes.Status400BadRequest, "Invalid k", $"k must be an integer between 1 and {MaxK}; got '{raw}'.", "k");
        return false;
    }

    public static ProblemHttpResult NotReady() =>
        TypedResults.Problem(title: "Models are loading", detail: "The service is still loading or training its models; retry shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>One answer listing every offending field; the detail sums them up.</summary>
    public static ProblemHttpResult Problems(int status, string title, IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(title: title,
            detail: errors.Count == 1
                ? $"{errors.Keys.Single()}: {errors.Values.Single()[0]}"
                : string.Create(CultureInfo.InvariantCulture, $"{errors.Count} fields are invalid: {string.Join(", ", errors.Keys)}."),
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Problem(int status, string title, string detail, string field) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
