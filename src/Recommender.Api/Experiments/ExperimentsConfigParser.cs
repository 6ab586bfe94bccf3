using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Recommender.Api.Serving;

namespace Recommender.Api.Experiments;

/// <summary>
/// Reads experiments.json (the Microsoft feature-management schema plus a "placements" map) into an
/// <see cref="ExperimentsConfig"/>, collecting every structural error with its JSON path instead of stopping at
/// the first, so a refused edit says everything that is wrong with it.
/// </summary>
public static class ExperimentsConfigParser
{
    public static (ExperimentsConfig? Config, IReadOnlyList<string> Errors) Parse(string json)
    {
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return (null, [$"$: not valid JSON: {e.Message}"]);
        }
        using (document)
        {
            var root = document.RootElement;
            var placements = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("placements", out var placementsElement))
            {
                if (placementsElement.ValueKind != JsonValueKind.Object)
                    errors.Add("$.placements: must be an object of placement → experiment id");
                else
                {
                    foreach (var p in placementsElement.EnumerateObject())
                    {
                        if (placements.ContainsKey(p.Name))
                            errors.Add($"$.placements.{p.Name}: the placement is listed twice");
                        else if (p.Value.ValueKind == JsonValueKind.String)
                            placements[p.Name] = p.Value.GetString()!;
                        else
                            errors.Add($"$.placements.{p.Name}: must be an experiment id (string)");
                    }
                }
            }

            var experiments = new Dictionary<string, ExperimentDefinition>(StringComparer.Ordinal);
            // Ids of every flag, valid or not: a placement of a flag with errors is not reported a second time.
            var declaredIds = new HashSet<string>(StringComparer.Ordinal);
            if (!root.TryGetProperty("feature_management", out var fm) || !fm.TryGetProperty("feature_flags", out var flags) || flags.ValueKind != JsonValueKind.Array)
                errors.Add("$.feature_management.feature_flags: required array");
            else
            {
                var index = 0;
                foreach (var flag in flags.EnumerateArray())
                {
                    var flagPath = $"$.feature_management.feature_flags[{index++}]";
                    if (flag.ValueKind == JsonValueKind.Object && flag.TryGetProperty("id", out var declared) && declared.ValueKind == JsonValueKind.String
                        && !declaredIds.Add(declared.GetString()!))
                        errors.Add($"{flagPath}.id: duplicate id '{declared.GetString()}'");
                    var definition = ParseFlag(flag, flagPath, errors);
                    if (definition is not null)
                        experiments.TryAdd(definition.Id, definition);
                }
            }
            foreach (var (placement, experiment) in placements)
            {
                if (!declaredIds.Contains(experiment))
                    errors.Add($"$.placements.{placement}: experiment '{experiment}' is not defined");
            }
            if (errors.Count > 0)
                return (null, errors);
            var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
            return (new ExperimentsConfig(version, placements, experiments, json), []);
        }
    }

    private static ExperimentDefinition? ParseFlag(JsonElement flag, string path, List<string> errors)
    {
        if (flag.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object (a feature flag)");
            return null;
        }
        var before = errors.Count;
        var id = RequiredString(flag, "id", path, errors);
        var enabled = flag.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.True;
        var variants = new Dictionary<string, VariantPolicy>(StringComparer.Ordinal);
        var variantNames = new List<string>();
        // Every variant name given, valid policy or not: references to a variant whose policy has errors are not
        // reported as undefined on top of those errors.
        var declaredVariants = new HashSet<string>(StringComparer.Ordinal);
        if (!flag.TryGetProperty("variants", out var variantsElement) || variantsElement.ValueKind != JsonValueKind.Array || variantsElement.GetArrayLength() == 0)
            errors.Add($"{path}.variants: required non-empty array");
        else
        {
            var i = 0;
            foreach (var variant in variantsElement.EnumerateArray())
            {
                var variantPath = $"{path}.variants[{i++}]";
                var name = RequiredString(variant, "name", variantPath, errors);
                if (name is not null)
                    declaredVariants.Add(name);
                if (!variant.TryGetProperty("configuration_value", out var policyElement) || policyElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{variantPath}.configuration_value: required object (the variant's policy)");
                    continue;
                }
                var policy = ParsePolicy(policyElement, $"{variantPath}.configuration_value", errors);
                if (name is not null && policy is not null)
                {
                    if (variants.TryAdd(name, policy))
                        variantNames.Add(name);
                    else
                        errors.Add($"{variantPath}.name: duplicate variant '{name}'");
                }
            }
        }
        string? defaultWhenEnabled = null, defaultWhenDisabled = null, seed = null;
        var percentiles = new List<PercentileAllocation>();
        List<ListAllocation> users = [], groups = [];
        if (flag.TryGetProperty("allocation", out var allocation) && allocation.ValueKind != JsonValueKind.Null)
        {
            if (allocation.ValueKind != JsonValueKind.Object)
                errors.Add($"{path}.allocation: must be an object");
            else
            {
                defaultWhenEnabled = OptionalString(allocation, "default_when_enabled", $"{path}.allocation", errors);
                defaultWhenDisabled = OptionalString(allocation, "default_when_disabled", $"{path}.allocation", errors);
                seed = OptionalString(allocation, "seed", $"{path}.allocation", errors);
                percentiles = ParsePercentiles(allocation, $"{path}.allocation.percentile", declaredVariants, errors);
                users = ParseLists(allocation, "user", "users", $"{path}.allocation.user", declaredVariants, errors);
                groups = ParseLists(allocation, "group", "groups", $"{path}.allocation.group", declaredVariants, errors);
            }
        }
        foreach (var (field, value) in new[] { ("default_when_enabled", defaultWhenEnabled), ("default_when_disabled", defaultWhenDisabled) })
        {
            if (value is not null && !declaredVariants.Contains(value))
                errors.Add($"{path}.allocation.{field}: variant '{value}' is not defined");
        }
        // Feature management answers "no variant" where neither a list nor a percentile range places a user and no
        // default is given; the service would then have no policy to serve, so such a flag is refused up front.
        var enabledValid = !flag.TryGetProperty("enabled", out var enabledElement) || enabledElement.ValueKind is JsonValueKind.True or JsonValueKind.False;
        if (!enabledValid)
            errors.Add($"{path}.enabled: must be true or false");
        if (enabledValid && enabled && defaultWhenEnabled is null && percentiles.Count == 0 && declaredVariants.Count > 0)
            errors.Add($"{path}.allocation.default_when_enabled: required when allocation.percentile is absent (users outside the user and group lists need a variant)");
        if (enabledValid && !enabled && defaultWhenDisabled is null && declaredVariants.Count > 0)
            errors.Add($"{path}.allocation.default_when_disabled: required while the experiment is disabled (its users need a variant)");
        if (errors.Count != before || id is null)
            return null;
        var compact = CompactJson.Of(flag);
        return new ExperimentDefinition(id, enabled, variants, defaultWhenEnabled, defaultWhenDisabled, seed, percentiles,
            users, groups, path, variantNames, compact);
    }

    /// <summary>
    /// allocation.user / allocation.group: [{ "variant": ..., "users" | "groups": [...] }]. A member listed for two
    /// variants would make the assignment depend on list order, so it is refused.
    /// </summary>
    private static List<ListAllocation> ParseLists(
        JsonElement allocation, string property, string membersProperty, string path, HashSet<string> variants, List<string> errors)
    {
        var lists = new List<ListAllocation>();
        if (!allocation.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
            return lists;
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be an array of {{variant, {membersProperty}}}");
            return lists;
        }
        var variantOfMember = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var entry in element.EnumerateArray())
        {
            var entryPath = $"{path}[{i++}]";
            var variant = RequiredString(entry, "variant", entryPath, errors);
            if (variant is not null && !variants.Contains(variant))
                errors.Add($"{entryPath}.variant: variant '{variant}' is not defined");
            var members = new List<string>();
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty(membersProperty, out var membersElement)
                || membersElement.ValueKind != JsonValueKind.Array || membersElement.GetArrayLength() == 0)
            {
                errors.Add($"{entryPath}.{membersProperty}: required non-empty array of strings");
                continue;
            }
            var j = 0;
            foreach (var member in membersElement.EnumerateArray())
            {
                var memberPath = $"{entryPath}.{membersProperty}[{j++}]";
                if (member.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(member.GetString()))
                {
                    errors.Add($"{memberPath}: must be a non-empty string");
                    continue;
                }
                var name = member.GetString()!;
                if (variantOfMember.TryGetValue(name, out var earlier))
                    errors.Add($"{memberPath}: '{name}' is already listed (for variant '{earlier}')");
                else
                    variantOfMember[name] = variant ?? "";
                members.Add(name);
            }
            if (variant is not null)
                lists.Add(new ListAllocation(variant, members));
        }
        return lists;
    }

    /// <summary>
    /// allocation.percentile: each range names a defined variant with 0 ≤ from &lt; to ≤ 100; together the ranges
    /// cover 0–100 without gap or overlap, so every user lands in exactly one variant.
    /// </summary>
    private static List<PercentileAllocation> ParsePercentiles(
        JsonElement allocation, string path, HashSet<string> variants, List<string> errors)
    {
        var ranges = new List<PercentileAllocation>();
        if (!allocation.TryGetProperty("percentile", out var element) || element.ValueKind == JsonValueKind.Null)
            return ranges;
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be an array of {{variant, from, to}}");
            return ranges;
        }
        var before = errors.Count;
        var i = 0;
        foreach (var range in element.EnumerateArray())
        {
            var rangePath = $"{path}[{i++}]";
            var variant = RequiredString(range, "variant", rangePath, errors);
            var from = RequiredPercent(range, "from", rangePath, errors);
            var to = RequiredPercent(range, "to", rangePath, errors);
            if (variant is not null && !variants.Contains(variant))
                errors.Add($"{rangePath}.variant: variant '{variant}' is not defined");
            if (from is { } f && to is { } t && f >= t)
                errors.Add($"{rangePath}: from ({f}) must be below to ({t})");
            if (variant is not null && from is not null && to is not null)
                ranges.Add(new PercentileAllocation(variant, from.Value, to.Value));
        }
        if (errors.Count > before || ranges.Count == 0)
            return ranges;
        ranges.Sort((a, b) => a.From.CompareTo(b.From));
        var covered = 0.0;
        foreach (var range in ranges)
        {
            if (range.From > covered)
                errors.Add($"{path}: percentiles {covered}–{range.From} are allocated to no variant");
            else if (range.From < covered)
                errors.Add($"{path}: the range of '{range.Variant}' from {range.From} overlaps the one before it (which ends at {covered})");
            covered = Math.Max(covered, range.To);
        }
        if (covered < 100)
            errors.Add($"{path}: percentiles {covered}–100 are allocated to no variant");
        return ranges;
    }

    private static double? RequiredPercent(JsonElement element, string name, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var percent) && percent is >= 0 and <= 100)
            return percent;
        errors.Add($"{path}.{name}: required number between 0 and 100");
        return null;
    }

    private static VariantPolicy? ParsePolicy(JsonElement policy, string path, List<string> errors)
    {
        var before = errors.Count;
        var strategy = RequiredString(policy, "strategy", path, errors);
        var rules = OptionalString(policy, "rules", path, errors) ?? "none";
        var models = new List<string>();
        if (!policy.TryGetProperty("models", out var modelsElement) || modelsElement.ValueKind != JsonValueKind.Array || modelsElement.GetArrayLength() == 0)
            errors.Add($"{path}.models: required non-empty array of model names");
        else
        {
            foreach (var m in modelsElement.EnumerateArray())
            {
                if (m.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(m.GetString()))
                    models.Add(m.GetString()!);
                else
                    errors.Add($"{path}.models: every entry must be a model name (string)");
            }
            if (models.Distinct(StringComparer.Ordinal).Count() != models.Count)
                errors.Add($"{path}.models: names must be unique");
        }
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (policy.TryGetProperty("modelVersions", out var versionsElement))
        {
            if (versionsElement.ValueKind != JsonValueKind.Object)
                errors.Add($"{path}.modelVersions: must be an object of model → version");
            else
            {
                foreach (var v in versionsElement.EnumerateObject())
                {
                    if (v.Value.ValueKind != JsonValueKind.String)
                        errors.Add($"{path}.modelVersions.{v.Name}: must be a version (string)");
                    else if (!models.Contains(v.Name))
                        errors.Add($"{path}.modelVersions.{v.Name}: pins a model the policy does not use");
                    else
                        versions[v.Name] = v.Value.GetString()!;
                }
            }
        }
        var poolSize = VariantPolicy.DefaultPoolSize;
        if (policy.TryGetProperty("poolSize", out var poolElement))
        {
            if (poolElement.ValueKind != JsonValueKind.Number || !poolElement.TryGetInt32(out poolSize) || poolSize is < 1 or > 5000)
                errors.Add($"{path}.poolSize: must be an integer between 1 and 5000");
        }
        return errors.Count == before ? new VariantPolicy(models, versions, strategy!, rules, poolSize, policy.Clone()) : null;
    }

    private static string? RequiredString(JsonElement element, string name, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            return value.GetString();
        errors.Add($"{path}.{name}: required non-empty string");
        return null;
    }

    private static string? OptionalString(JsonElement element, string name, string path, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        errors.Add($"{path}.{name}: must be a string");
        return null;
    }
}
