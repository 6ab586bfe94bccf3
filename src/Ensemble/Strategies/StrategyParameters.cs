using System.Globalization;
using System.Text.Json;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Reads a strategy's parameters from its variant policy (a JSON object), turning every type or range problem into
/// a <see cref="StrategyParameterException"/> that names the parameter. Properties a strategy does not read are
/// ignored, because the policy object also carries the pipeline's own settings (models, rules, pool size).
/// Names are matched exactly (camelCase, as in the policy).
/// </summary>
public readonly struct StrategyParameters
{
    private readonly JsonElement _element;

    /// <param name="strategy">Strategy name, for error messages.</param>
    /// <param name="element">The policy object; an undefined or null element means "no parameters".</param>
    public StrategyParameters(string strategy, JsonElement element)
    {
        Strategy = strategy;
        if (element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
            throw new StrategyParameterException(strategy, "(parameters)", $"must be a JSON object, got {element.ValueKind}.");
        _element = element;
    }

    public string Strategy { get; }

    public StrategyParameterException Error(string parameter, string reason) => new(Strategy, parameter, reason);

    /// <summary>The property's value, or false when it is absent or null.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        if (_element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        value = default;
        return false;
    }

    /// <summary>A finite number, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string name, double fallback)
    {
        if (!TryGet(name, out var value))
            return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            throw Error(name, $"must be a number, got {Describe(value)}.");
        return number;
    }

    /// <summary>A whole number, or <paramref name="fallback"/> when absent.</summary>
    public int WholeNumber(string name, int fallback)
    {
        if (!TryGet(name, out var value))
            return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw Error(name, $"must be a whole number, got {Describe(value)}.");
        return number;
    }

    /// <summary>A string, or null when absent.</summary>
    public string? Text(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Error(name, $"must be a string, got {Describe(value)}.");
        return value.GetString();
    }

    /// <summary>One of <paramref name="allowed"/>'s keys (case-insensitive), or <paramref name="fallback"/> when absent.</summary>
    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> allowed)
    {
        var text = Text(name);
        if (text is null)
            return fallback;
        foreach (var (key, choice) in allowed)
        {
            if (string.Equals(key, text, StringComparison.OrdinalIgnoreCase))
                return choice;
        }
        throw Error(name, $"must be one of {string.Join(", ", allowed.Keys.Select(k => $"\"{k}\""))}, got \"{text}\".");
    }

    /// <summary>A list of strings, or null when absent.</summary>
    public IReadOnlyList<string>? Strings(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw Error(name, $"must be an array of strings, got {Describe(value)}.");
        var result = new List<string>();
        var index = 0;
        foreach (var entry in value.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String)
                throw Error($"{name}[{index}]", $"must be a string, got {Describe(entry)}.");
            result.Add(entry.GetString()!);
            index++;
        }
        return result;
    }

    /// <summary>An object of source name → number (e.g. per-model weights), or null when absent.</summary>
    public IReadOnlyDictionary<string, float>? NumbersByName(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(name, $"must be an object of model name → number, got {Describe(value)}.");
        var result = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var path = $"{name}.{property.Name}";
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var number) || !double.IsFinite(number))
                throw Error(path, $"must be a number, got {Describe(property.Value)}.");
            result[property.Name] = (float)number;
        }
        return result;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
