using System.Text.Json;
using System.Text.Json.Nodes;
using Recommender.Api.Serving;
using Recommender.Ensemble.Strategies;

namespace Recommender.Api.Experiments;

/// <summary>
/// The strategy half of a variant's checks, which needs no running service: a known strategy whose parameters have the
/// right types and whose weights and cascade order name the variant's own models. Used by
/// <see cref="ExperimentsValidator"/> and by `tune --policies`.
/// </summary>
internal static class StrategyPolicyCheck
{
    /// <summary>A policy with more wrong parameters than this is not worth listing further.</summary>
    private const int MaxParameterErrorsPerPolicy = 32;

    /// <summary>
    /// Builds the strategy as the pipeline will. A strategy stops at its first bad parameter, so each one found is
    /// removed and the strategy built again, until it builds or a parameter repeats: the edit lists every bad one.
    /// </summary>
    public static void Collect(StrategyCatalog strategies, VariantPolicy policy, string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(policy);
        var strategy = policy.Strategy;
        var parameters = policy.Parameters;
        var models = policy.Models;
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
