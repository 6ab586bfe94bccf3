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
                        if (p.Value.ValueKind == JsonValueKind.String)
                            placements[p.Name] = p.Value.GetString()!;
                        else
                            errors.Add($"$.placements.{p.Name}: must be an experiment id (string)");
                    }
                }
            }

            var experiments = new Dictionary<string, ExperimentDefinition>(StringComparer.Ordinal);
            if (!root.TryGetProperty("feature_management", out var fm) || !fm.TryGetProperty("feature_flags", out var flags) || flags.ValueKind != JsonValueKind.Array)
                errors.Add("$.feature_management.feature_flags: required array");
            else
            {
                var index = 0;
                foreach (var flag in flags.EnumerateArray())
                {
                    var definition = ParseFlag(flag, $"$.feature_management.feature_flags[{index++}]", errors);
                    if (definition is not null && !experiments.TryAdd(definition.Id, definition))
                        errors.Add($"$.feature_management.feature_flags: duplicate id '{definition.Id}'");
                }
            }
            foreach (var (placement, experiment) in placements)
            {
                if (!experiments.ContainsKey(experiment))
                    errors.Add($"$.placements.{placement}: experiment '{experiment}' is not defined");
            }
            if (errors.Count > 0)
                return (null, errors);
            var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
            return (new ExperimentsConfig(version, placements, experiments), []);
        }
    }

    private static ExperimentDefinition? ParseFlag(JsonElement flag, string path, List<string> errors)
    {
        var before = errors.Count;
        var id = RequiredString(flag, "id", path, errors);
        var enabled = flag.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.True;
        var variants = new Dictionary<string, VariantPolicy>(StringComparer.Ordinal);
        if (!flag.TryGetProperty("variants", out var variantsElement) || variantsElement.ValueKind != JsonValueKind.Array || variantsElement.GetArrayLength() == 0)
            errors.Add($"{path}.variants: required non-empty array");
        else
        {
            var i = 0;
            foreach (var variant in variantsElement.EnumerateArray())
            {
                var variantPath = $"{path}.variants[{i++}]";
                var name = RequiredString(variant, "name", variantPath, errors);
                if (!variant.TryGetProperty("configuration_value", out var policyElement) || policyElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{variantPath}.configuration_value: required object (the variant's policy)");
                    continue;
                }
                var policy = ParsePolicy(policyElement, $"{variantPath}.configuration_value", errors);
                if (name is not null && policy is not null && !variants.TryAdd(name, policy))
                    errors.Add($"{variantPath}.name: duplicate variant '{name}'");
            }
        }
        string? defaultWhenEnabled = null, defaultWhenDisabled = null;
        if (flag.TryGetProperty("allocation", out var allocation) && allocation.ValueKind == JsonValueKind.Object)
        {
            defaultWhenEnabled = OptionalString(allocation, "default_when_enabled", $"{path}.allocation", errors);
            defaultWhenDisabled = OptionalString(allocation, "default_when_disabled", $"{path}.allocation", errors);
        }
        foreach (var (field, value) in new[] { ("default_when_enabled", defaultWhenEnabled), ("default_when_disabled", defaultWhenDisabled) })
        {
            if (value is not null && !variants.ContainsKey(value))
                errors.Add($"{path}.allocation.{field}: variant '{value}' is not defined");
        }
        return errors.Count == before && id is not null ? new ExperimentDefinition(id, enabled, variants, defaultWhenEnabled, defaultWhenDisabled) : null;
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
