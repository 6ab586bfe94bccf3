using System.Text.Json;

namespace Recommender.Api.Experiments;

/// <summary>
/// The groups a request places its user in, for allocation.group: the request context's "groups" (an array of
/// strings). Absent means none. The pipeline keeps this key out of the business rules' context, which holds scalars only.
/// </summary>
public static class TargetingGroups
{
    public const string ContextKey = "groups";

    /// <summary>The groups, or null when context.groups is present but not an array of non-empty strings.</summary>
    public static IReadOnlyList<string>? From(IReadOnlyDictionary<string, JsonElement>? context)
    {
        if (context is null || !context.TryGetValue(ContextKey, out var element) || element.ValueKind == JsonValueKind.Null)
            return [];
        if (element.ValueKind != JsonValueKind.Array)
            return null;
        var groups = new List<string>(element.GetArrayLength());
        foreach (var group in element.EnumerateArray())
        {
            if (group.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(group.GetString()))
                return null;
            groups.Add(group.GetString()!);
        }
        return groups;
    }
}
