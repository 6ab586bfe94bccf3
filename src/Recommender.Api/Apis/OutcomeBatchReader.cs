using System.Globalization;
using System.Text.Json;
using Recommender.Experiments.Outcomes;

namespace Recommender.Api.Apis;

/// <summary>
/// Reads and validates an outcome batch field by field from the JSON document, so that one answer lists every
/// problem ("events[3].type": ...) instead of stopping at the first, as a typed deserializer would.
/// </summary>
internal static class OutcomeBatchReader
{
    public const int MaxEvents = 1000;

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
        // JSON-level checks here (the kind of each value); the rules for the values themselves are the ones the
        // CSV import applies too, in OutcomeEventValidator.
        var before = errors.Count;
        var eventId = Text(element, path, "eventId", errors);
        var type = Text(element, path, "type", errors);
        var userId = Text(element, path, "userId", errors);
        var itemId = Text(element, path, "itemId", errors);
        var requestId = Text(element, path, "requestId", errors);
        if (requestId is { Length: 0 })
            errors[$"{path}.requestId"] = ["requestId must not be empty: leave it out when the event follows no recommendation."];
        var timestamp = Text(element, path, "timestamp", errors);
        var value = NumberText(element, path, "value", errors);
        var validation = OutcomeEventValidator.Validate(eventId, type, userId, itemId, requestId, timestamp, value);
        // A value of the wrong JSON kind is reported as such, not again as missing.
        foreach (var error in validation.Errors)
            errors.TryAdd($"{path}.{error.Field}", [$"{error.Field}: {error.Message}."]);
        return errors.Count == before ? validation.Event : null;
    }

    /// <summary>The string value of <paramref name="name"/>; null when absent, null, or (an error) not a string.</summary>
    private static string? Text(JsonElement element, string path, string name, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
            return null;
        if (property.ValueKind == JsonValueKind.String)
            return property.GetString();
        errors[$"{path}.{name}"] = [$"{name} must be a string; got {property.GetRawText()}."];
        return null;
    }

    /// <summary>The JSON number <paramref name="name"/> as its invariant text; null when absent, null, or (an error) not a number.</summary>
    private static string? NumberText(JsonElement element, string path, string name, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
            return null;
        if (property.ValueKind == JsonValueKind.Number)
            return property.GetRawText();
        errors[$"{path}.{name}"] = [$"{name} must be a number; got {property.GetRawText()}."];
        return null;
    }
}
