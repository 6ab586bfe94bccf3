using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Recommender.Experiments.Outcomes;

namespace Recommender.Api.Apis;

/// <summary>
/// Reads and validates an outcome batch field by field from the JSON document, so that one answer lists every
/// problem ("events[3].type": ...) instead of stopping at the first, as a typed deserializer would.
/// </summary>
internal static partial class OutcomeBatchReader
{
    public const int MaxEvents = 1000;

    /// <summary>Longest id accepted: ids are index keys in the store.</summary>
    public const int MaxIdLength = 256;

    public static readonly FrozenSet<string> Types =
        FrozenSet.Create(StringComparer.Ordinal, "click", "add_to_cart", "purchase", "rating", "dismiss");

    /// <summary>The events, or why not: <paramref name="errors"/> by field, and whether it is the batch's size.</summary>
    public static IReadOnlyList<OutcomeEvent>? Read(JsonElement root, out Dictionary<string, string[]> errors, out bool tooMany)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        tooMany = false;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object {\"events\": [...]}."];
            return null;
        }
        if (!root.TryGetProperty("events", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            errors["events"] = ["events is required: an array of 1 to 1000 outcome events."];
            return null;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors["events"] = ["events must be an array of outcome events."];
            return null;
        }
        var count = array.GetArrayLength();
        if (count is 0 or > MaxEvents)
        {
            tooMany = count > MaxEvents;
            errors["events"] = [string.Create(CultureInfo.InvariantCulture, $"events must hold 1 to {MaxEvents} events; got {count}.")];
            return null;
        }
        var events = new List<OutcomeEvent>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"events[{index++}]");
            if (ReadEvent(element, path, errors) is { } outcome)
                events.Add(outcome);
        }
        return errors.Count == 0 ? events : null;
    }

    private static OutcomeEvent? ReadEvent(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["Each event must be a JSON object."];
            return null;
        }
        var before = errors.Count;
        var eventId = Id(element, path, "eventId", required: true, errors);
        var type = Type(element, path, errors);
        var userId = Id(element, path, "userId", required: true, errors);
        var itemId = Id(element, path, "itemId", required: true, errors);
        var requestId = Id(element, path, "requestId", required: false, errors);
        var timestamp = Timestamp(element, path, errors);
        var value = Value(element, path, type, errors);
        return errors.Count == before
            ? new OutcomeEvent(eventId!, type!, userId!, itemId!, requestId, timestamp!.Value, value)
            : null;
    }

    private static string? Id(JsonElement element, string path, string name, bool required, Dictionary<string, string[]> errors)
    {
        var field = $"{path}.{name}";
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            if (required)
                errors[field] = [$"{name} is required."];
            return null;
        }
        if (property.ValueKind != JsonValueKind.String)
        {
            errors[field] = [$"{name} must be a string."];
            return null;
        }
        var text = property.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
            errors[field] = [$"{name} must not be empty."];
        else if (text.Length > MaxIdLength)
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"{name} must be at most {MaxIdLength} characters; got {text.Length}.")];
        else if (text.Contains('\0', StringComparison.Ordinal))
            errors[field] = [$"{name} must not contain the NUL character."];
        else
            return text;
        return null;
    }

    private static string? Type(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        var field = $"{path}.type";
        if (!element.TryGetProperty("type", out var property) || property.ValueKind == JsonValueKind.Null)
            errors[field] = ["type is required: click, add_to_cart, purchase, rating or dismiss."];
        else if (property.ValueKind != JsonValueKind.String || !Types.Contains(property.GetString()!))
            errors[field] = [$"type must be one of click, add_to_cart, purchase, rating, dismiss; got {property.GetRawText()}."];
        else
            return property.GetString();
        return null;
    }

    private static DateTimeOffset? Timestamp(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        var field = $"{path}.timestamp";
        if (!element.TryGetProperty("timestamp", out var property) || property.ValueKind == JsonValueKind.Null)
            errors[field] = ["timestamp is required (ISO 8601 with an offset, e.g. 2026-11-29T10:15:00Z)."];
        // Without an offset the instant would depend on the server's time zone.
        else if (property.ValueKind != JsonValueKind.String || !property.TryGetDateTimeOffset(out var timestamp)
                 || !ExplicitOffset().IsMatch(property.GetString()!))
            errors[field] = [$"timestamp must be an ISO 8601 date-time with an offset (e.g. 2026-11-29T10:15:00Z); got {property.GetRawText()}."];
        else
            return timestamp;
        return null;
    }

    private static double? Value(JsonElement element, string path, string? type, Dictionary<string, string[]> errors)
    {
        var field = $"{path}.value";
        if (!element.TryGetProperty("value", out var property) || property.ValueKind == JsonValueKind.Null)
        {
            // A rating without its value carries no information.
            if (type == "rating")
                errors[field] = ["value is required for a rating."];
            return null;
        }
        if (property.ValueKind != JsonValueKind.Number || !property.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            errors[field] = [$"value must be a finite number; got {property.GetRawText()}."];
            return null;
        }
        return value;
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();
}
