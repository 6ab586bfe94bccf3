using System.Text.Json;
using System.Text.Json.Nodes;
using Recommender.Api.Hosting;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;

namespace Recommender.Api.Experiments;

/// <summary>
/// The checks on experiments.json that need the running service: every variant names models this service serves
/// (and, where it pins one, a version the registry holds), a known strategy whose parameters have the right types and
/// name the variant's own models, and a rules workflow that exists. Errors carry the JSON path in the file, like the
/// parser's, and every one is reported, not only the first.
/// </summary>
public sealed class ExperimentsValidator(RecommenderOptions options, StrategyCatalog strategies, RuleWorkflowHost rules, ModelRegistry registry)
{
    /// <summary>A policy with more wrong parameters than this is not worth listing further.</summary>
    private const int MaxParameterErrorsPerPolicy = 32;

    public IReadOnlyList<string> Validate(ExperimentsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        var served = options.ModelNames.ToHashSet(StringComparer.Ordinal);
        foreach (var experiment in config.Experiments.Values)
        {
            foreach (var (variant, policy) in experiment.Variants)
            {
                var path = $"{experiment.VariantPath(variant)}.configuration_value";
                for (var i = 0; i < policy.Models.Count; i++)
                {
                    if (!served.Contains(policy.Models[i]))
                        errors.Add($"{path}.models[{i}]: '{policy.Models[i]}' is not served (Recommender:Models is {options.Models})");
                }
                foreach (var (model, version) in policy.ModelVersions)
                {
                    if (VersionError(model, version) is { } error)
                        errors.Add($"{path}.modelVersions.{model}: {error}");
                }
                CollectStrategyErrors(policy.Strategy, policy.Parameters, policy.Models, path, errors);
                if (!rules.HasWorkflow(policy.Rules))
                    errors.Add($"{path}.rules: workflow '{policy.Rules}' does not exist (known: {string.Join(", ", rules.WorkflowNames.Order(StringComparer.Ordinal))})");
            }
        }
        return errors;
    }

    private string? VersionError(string model, string version)
    {
        try
        {
            var versions = registry.Versions(model);
            return versions.Any(m => string.Equals(m.Version, version, StringComparison.Ordinal))
                ? null
                : $"version '{version}' of '{model}' is not in the model registry (it has {(versions.Count == 0 ? "none" : string.Join(", ", versions.Select(m => m.Version)))})";
        }
        catch (ModelArtifactException e)
        {
            return $"the registry cannot be read for '{model}': {e.Message}";
        }
    }

    /// <summary>
    /// Builds the strategy as the pipeline will. A strategy stops at its first bad parameter, so each one found is
    /// removed and the strategy built again, until it builds or a parameter repeats: the edit lists every bad one.
    /// </summary>
    private void CollectStrategyErrors(string strategy, JsonElement parameters, IReadOnlyList<string> models, string path, List<string> errors)
    {
        if (!strategies.Contains(strategy))
        {
            errors.Add($"{path}.strategy: unknown strategy '{strategy}' (known: {string.Join(", ", strategies.Names.Order(StringComparer.Ordinal))})");
            return;
        }
        CollectModelReferenceErrors(parameters, models, path, errors);
        var remaining = JsonNode.Parse(parameters.GetRawText());
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < MaxParameterErrorsPerPolicy; attempt++)
        {
            try
            {
                using var document = JsonDocument.Parse(remaining?.ToJsonString() ?? "{}");
                strategies.Create(strategy, document.RootElement);
                return;
            }
            catch (StrategyParameterException e)
            {
                errors.Add($"{path}.{e.Parameter}: {e.Reason}");
                if (!reported.Add(e.Parameter) || !TryRemove(remaining, e.Parameter))
                    return;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                errors.Add($"{path}.strategy: {e.Message}");
                return;
            }
        }
    }

    /// <summary>Weights and cascade orders must name models of the variant: anything else is a typo that would silently weigh nothing.</summary>
    private static void CollectModelReferenceErrors(JsonElement parameters, IReadOnlyList<string> models, string path, List<string> errors)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
            return;
        if (parameters.TryGetProperty("weights", out var weights) && weights.ValueKind == JsonValueKind.Object)
        {
            foreach (var weight in weights.EnumerateObject().Where(w => !models.Contains(w.Name)))
                errors.Add($"{path}.weights.{weight.Name}: names a model this variant does not use (models: {string.Join(", ", models)})");
        }
        if (parameters.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var entry in order.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.String && !models.Contains(entry.GetString()!))
                    errors.Add($"{path}.order[{i}]: names a model this variant does not use (models: {string.Join(", ", models)})");
                i++;
            }
        }
    }

    /// <summary>Removes the parameter at a path like "normalization", "weights.als" or "order[1]".</summary>
    private static bool TryRemove(JsonNode? root, string parameterPath)
    {
        var segments = parameterPath.Split('.');
        var node = root;
        for (var s = 0; s < segments.Length; s++)
        {
            var (name, index) = SplitIndex(segments[s]);
            if (node is not JsonObject obj || !obj.ContainsKey(name))
                return false;
            var last = s == segments.Length - 1;
            if (index is null)
            {
                if (last)
                    return obj.Remove(name);
                node = obj[name];
                continue;
            }
            if (obj[name] is not JsonArray array || index >= array.Count)
                return false;
            if (last)
            {
                array.RemoveAt(index.Value);
                return true;
            }
            node = array[index.Value];
        }
        return false;
    }

    private static (string Name, int? Index) SplitIndex(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0 || !segment.EndsWith(']'))
            return (segment, null);
        return int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (segment[..open], index)
            : (segment, null);
    }
}
