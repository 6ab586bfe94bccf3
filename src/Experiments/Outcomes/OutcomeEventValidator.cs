using System.Globalization;
using System.Text.RegularExpressions;

namespace Recommender.Experiments.Outcomes;

/// <summary>
/// The one set of rules for an outcome event, whatever carried it (POST /v1/outcomes, the import-outcomes CSV):
/// a pure function of the raw field values that returns the event or every field error, named as the API names
/// the fields.
/// <list type="bullet">
/// <item>eventId, userId, itemId: required, not blank, at most <see cref="MaxIdLength"/> characters, no NUL character
/// (PostgreSQL text cannot hold it).</item>
/// <item>type: one of <see cref="OutcomeTypes.All"/>.</item>
/// <item>requestId: optional (absent or empty is none), at most <see cref="MaxIdLength"/> characters.</item>
/// <item>timestamp: required, ISO-8601 date and time with an explicit offset ("2025-01-31T12:00:00Z",
/// "2025-01-31T13:00:00.250+01:00"): a time without one would be read in whatever zone the importer runs in.</item>
/// <item>value: optional finite number; required for a rating; not negative for a purchase (it is revenue).</item>
/// </list>
/// </summary>
public static partial class OutcomeEventValidator
{
    public const int MaxIdLength = 256;

    private static readonly string[] FieldOrder = ["eventId", "type", "userId", "itemId", "requestId", "timestamp", "value"];

    /// <summary>Validates values as text (a CSV row): the timestamp and value are parsed here (invariant culture).</summary>
    public static OutcomeValidation Validate(
        string? eventId, string? type, string? userId, string? itemId, string? requestId, string? timestamp, string? value)
    {
        var errors = new List<OutcomeFieldError>();
        DateTimeOffset? time = null;
        if (string.IsNullOrWhiteSpace(timestamp))
            errors.Add(new OutcomeFieldError("timestamp", "required"));
        else if (!Iso8601WithOffset().IsMatch(timestamp)
                 || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            errors.Add(new OutcomeFieldError("timestamp", $"'{Shorten(timestamp)}' is not an ISO-8601 date and time with an offset (e.g. 2025-01-31T12:00:00Z)"));
        else
            time = parsed;

        double? number = null;
        bool valueUnreadable = false;
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                number = v;
            else
            {
                valueUnreadable = true;
                errors.Add(new OutcomeFieldError("value", $"'{Shorten(value)}' is not a number"));
            }
        }

        return Check(eventId, type, userId, itemId, requestId, time, number, errors, timestampAlreadyChecked: true, valueAlreadyRefused: valueUnreadable);
    }

    /// <summary>Validates values already typed by a deserializer (a JSON body); a null timestamp is a missing one.</summary>
    public static OutcomeValidation Validate(
        string? eventId, string? type, string? userId, string? itemId, string? requestId, DateTimeOffset? timestamp, double? value) =>
        Check(eventId, type, userId, itemId, requestId, timestamp, value, [], timestampAlreadyChecked: false, valueAlreadyRefused: false);

    private static OutcomeValidation Check(
        string? eventId, string? type, string? userId, string? itemId, string? requestId, DateTimeOffset? timestamp, double? value,
        List<OutcomeFieldError> errors, bool timestampAlreadyChecked, bool valueAlreadyRefused)
    {
        RequireId("eventId", eventId, errors);
        if (string.IsNullOrWhiteSpace(type))
            errors.Add(new OutcomeFieldError("type", $"required: one of {string.Join(", ", OutcomeTypes.All)}"));
        else if (!OutcomeTypes.IsKnown(type))
            errors.Add(new OutcomeFieldError("type", $"'{Shorten(type)}' is not one of {string.Join(", ", OutcomeTypes.All)}"));
        RequireId("userId", userId, errors);
        RequireId("itemId", itemId, errors);
        var request = string.IsNullOrWhiteSpace(requestId) ? null : requestId;
        if (request is { Length: > MaxIdLength })
            errors.Add(new OutcomeFieldError("requestId", $"longer than {MaxIdLength} characters"));
        else if (request is not null && request.Contains('\0', StringComparison.Ordinal))
            errors.Add(new OutcomeFieldError("requestId", "must not contain the NUL character"));
        if (timestamp is null && !timestampAlreadyChecked)
            errors.Add(new OutcomeFieldError("timestamp", "required"));

        if (!valueAlreadyRefused)
        {
            if (value is { } v && !double.IsFinite(v))
                errors.Add(new OutcomeFieldError("value", "must be a finite number"));
            else if (value is null && type == OutcomeTypes.Rating)
                errors.Add(new OutcomeFieldError("value", "required for a rating (the rating itself)"));
            else if (value < 0 && type == OutcomeTypes.Purchase)
                errors.Add(new OutcomeFieldError("value", "a purchase's value is revenue and must not be negative"));
        }

        // Reported in the order of the fields, whichever check found them first.
        errors.Sort((a, b) => Array.IndexOf(FieldOrder, a.Field).CompareTo(Array.IndexOf(FieldOrder, b.Field)));
        return errors.Count > 0
            ? new OutcomeValidation(null, errors)
            : new OutcomeValidation(new OutcomeEvent(eventId!, type!, userId!, itemId!, request, timestamp!.Value, value), []);
    }

    private static void RequireId(string field, string? id, List<OutcomeFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
            errors.Add(new OutcomeFieldError(field, "required"));
        else if (id.Length > MaxIdLength)
            errors.Add(new OutcomeFieldError(field, $"longer than {MaxIdLength} characters"));
        else if (id.Contains('\0', StringComparison.Ordinal))
            errors.Add(new OutcomeFieldError(field, "must not contain the NUL character"));
    }

    // Error messages quote the offending text; a huge cell should not make a huge message.
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // Date, 'T', hours and minutes, optional seconds and fraction, then Z or ±hh:mm.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WithOffset();
}
