using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommender.Rules.Definitions;

/// <summary>
/// Reads a workflow file and checks its structure: names, kinds, the fields each kind needs, value ranges.
/// Expressions are only checked to be present here; <c>WorkflowCompiler</c> parses and vets them.
/// </summary>
internal static class WorkflowFileParser
{
    /// <summary>More rules than this cannot be reported per item in one 64-bit mask.</summary>
    public const int MaxRules = 64;

    private static readonly JsonSerializerOptions Options = new()
    {
        // Typos such as "wehn" must be refused, not silently ignored.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static WorkflowDefinition Parse(ReadOnlySpan<byte> json, string expectedName)
    {
        WorkflowFile? file;
        try
        {
            file = JsonSerializer.Deserialize<WorkflowFile>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new WorkflowRefusedException(null, $"not a valid workflow file: {ex.Message}", ex);
        }
        if (file is null)
            throw new WorkflowRefusedException(null, "the file holds JSON null instead of a workflow object");

        if (!IsValidName(expectedName))
            throw new WorkflowRefusedException(null, $"the file name '{expectedName}' is not a valid workflow name (letters, digits, '-', '_', '.')");
        if (file.Workflow != expectedName)
            throw new WorkflowRefusedException(null, $"\"workflow\" is '{file.Workflow}' but must equal the file name '{expectedName}'");
        if (file.Rules is null)
            throw new WorkflowRefusedException(null, "\"rules\" is missing (use [] for a workflow that does nothing)");
        if (file.Rules.Count > MaxRules)
            throw new WorkflowRefusedException(null, $"{file.Rules.Count} rules; at most {MaxRules} are allowed");

        var names = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<RuleDefinition>(file.Rules.Count);
        for (var i = 0; i < file.Rules.Count; i++)
        {
            var entry = file.Rules[i] ?? throw new WorkflowRefusedException(null, $"rules[{i}] is null");
            var rule = ParseRule(entry, i);
            if (!names.Add(rule.Name))
                throw new WorkflowRefusedException(rule.Name, "the name is used by another rule of this workflow");
            rules.Add(rule);
        }
        return new WorkflowDefinition(expectedName, file.Description, rules);
    }

    private static RuleDefinition ParseRule(WorkflowFile.RuleEntry entry, int index)
    {
        if (string.IsNullOrWhiteSpace(entry.Name))
            throw new WorkflowRefusedException(null, $"rules[{index}] has no \"name\"");
        var name = entry.Name;
        if (!IsValidName(name))
            throw new WorkflowRefusedException(name, "a rule name may hold only letters, digits, '-', '_' and '.'");
        var enabled = entry.Enabled ?? true;

        switch (entry.Kind)
        {
            case "filter":
                Forbid(entry, name, nameof(entry.Factor), entry.Factor is not null);
                ForbidDiversityFields(entry, name);
                return new FilterRuleDefinition(name, entry.Description, enabled, Require(entry.When, name, "when"), ParseOnError(entry.OnError, name));
            case "boost":
            case "bury":
                Forbid(entry, name, nameof(entry.OnError), entry.OnError is not null);
                ForbidDiversityFields(entry, name);
                var kind = entry.Kind == "boost" ? RuleKind.Boost : RuleKind.Bury;
                // A rule without "when" applies to every candidate: its factor expression alone decides.
                var when = entry.When is null ? "true" : Require(entry.When, name, "when");
                return new ScoreRuleDefinition(name, kind, entry.Description, enabled, when, ParseFactor(entry.Factor, name));
            case "diversity":
                Forbid(entry, name, nameof(entry.When), entry.When is not null);
                Forbid(entry, name, nameof(entry.Factor), entry.Factor is not null);
                Forbid(entry, name, nameof(entry.OnError), entry.OnError is not null);
                return ParseDiversity(entry, name, enabled);
            case null:
                throw new WorkflowRefusedException(name, "\"kind\" is missing (filter, boost, bury or diversity)");
            default:
                throw new WorkflowRefusedException(name, $"unknown kind '{entry.Kind}' (filter, boost, bury or diversity)");
        }
    }

    private static DiversityRuleDefinition ParseDiversity(WorkflowFile.RuleEntry entry, string name, bool enabled)
    {
        if ((entry.By is null) == (entry.ByExpression is null))
            throw new WorkflowRefusedException(name, "a diversity rule needs exactly one of \"by\" and \"byExpression\"");
        DiversityAttribute? by = entry.By switch
        {
            null => null,
            "categories" or "category" => DiversityAttribute.Categories,
            "tags" or "tag" => DiversityAttribute.Tags,
            "regions" or "region" => DiversityAttribute.Regions,
            "ageRating" => DiversityAttribute.AgeRating,
            _ => throw new WorkflowRefusedException(name, $"unknown \"by\" '{entry.By}' (categories, tags, regions, ageRating; or use \"byExpression\")"),
        };
        var byExpression = entry.ByExpression is null ? null : Require(entry.ByExpression, name, "byExpression");
        if (entry.Max is not { } max || max < 1)
            throw new WorkflowRefusedException(name, "\"max\" must be a whole number of at least 1");
        return new DiversityRuleDefinition(name, entry.Description, enabled, by, byExpression, max, entry.Backfill ?? false);
    }

    private static string ParseFactor(JsonElement? factor, string name)
    {
        switch (factor?.ValueKind)
        {
            case JsonValueKind.Number:
                // Keep the literal as written, in invariant form, so it parses as a double expression.
                return factor.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture);
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(factor.Value.GetString()):
                return factor.Value.GetString()!;
            case null:
                throw new WorkflowRefusedException(name, "\"factor\" is missing");
            default:
                throw new WorkflowRefusedException(name, "\"factor\" must be a number or a non-empty expression string");
        }
    }

    private static bool ParseOnError(string? onError, string name) => onError switch
    {
        null or "drop" => true,
        "keep" => false,
        _ => throw new WorkflowRefusedException(name, $"\"onError\" must be 'drop' or 'keep', not '{onError}'"),
    };

    private static string Require(string? value, string rule, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new WorkflowRefusedException(rule, $"\"{field}\" is missing or empty") : value;

    private static void ForbidDiversityFields(WorkflowFile.RuleEntry entry, string name)
    {
        Forbid(entry, name, nameof(entry.By), entry.By is not null);
        Forbid(entry, name, nameof(entry.ByExpression), entry.ByExpression is not null);
        Forbid(entry, name, nameof(entry.Max), entry.Max is not null);
        Forbid(entry, name, nameof(entry.Backfill), entry.Backfill is not null);
    }

    // A field that the kind ignores is almost always a mistake (a filter with a factor, a boost with "max").
    private static void Forbid(WorkflowFile.RuleEntry entry, string name, string property, bool present)
    {
        if (present)
        {
            var field = char.ToLowerInvariant(property[0]) + property[1..];
            throw new WorkflowRefusedException(name, $"\"{field}\" does not apply to a {entry.Kind} rule");
        }
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
