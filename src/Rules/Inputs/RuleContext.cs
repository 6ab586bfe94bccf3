using System.Globalization;
using System.Text.Json;

namespace Recommender.Rules;

/// <summary>
/// The request's context (placement, device, flags...) and the evaluation clock, as rule expressions see them
/// through the parameter <c>context</c>. Values are typed once at construction so that lookups in expressions
/// are plain dictionary reads: <c>context.Text("device")</c>, <c>context.Number("maxPrice")</c>,
/// <c>context.Flag("kidsMode")</c>. A missing or differently typed key reads as "", NaN and false respectively.
/// </summary>
public sealed class RuleContext
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _flags = new(StringComparer.Ordinal);

    /// <param name="now">The instant rules treat as "now" (item ages, time windows).</param>
    /// <param name="values">Request context: each value a string, a bool, a number (any primitive numeric type)
    /// or a <see cref="JsonElement"/> holding one of those; nulls are ignored.</param>
    /// <exception cref="ArgumentException">A value of another type (objects, arrays...).</exception>
    public RuleContext(DateTimeOffset now, IEnumerable<KeyValuePair<string, object?>>? values = null)
    {
        Now = now;
        if (values is null)
            return;
        foreach (var (key, value) in values)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(values));
            Add(key, value);
        }
    }

    /// <param name="now">The instant rules treat as "now".</param>
    /// <param name="values">The request's context object as JSON values (strings, numbers, booleans, nulls).</param>
    /// <exception cref="ArgumentException">An object or array value.</exception>
    public RuleContext(DateTimeOffset now, IEnumerable<KeyValuePair<string, JsonElement>> values)
        : this(now)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(values));
            AddJson(key, value);
        }
    }

    /// <summary>The instant rules treat as "now".</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The text value of <paramref name="key"/>, or "" when absent or not text.</summary>
    public string Text(string key) => _texts.GetValueOrDefault(key, "");

    /// <summary>The numeric value of <paramref name="key"/>, or NaN (every comparison false) when absent or not a number.</summary>
    public double Number(string key) => _numbers.TryGetValue(key, out var value) ? value : double.NaN;

    /// <summary>The numeric value of <paramref name="key"/>, or <paramref name="fallback"/>.</summary>
    public double Number(string key, double fallback) => _numbers.TryGetValue(key, out var value) ? value : fallback;

    /// <summary>The boolean value of <paramref name="key"/>, or false when absent or not a boolean.</summary>
    public bool Flag(string key) => _flags.GetValueOrDefault(key);

    /// <summary>True when the request's context holds <paramref name="key"/> with any value.</summary>
    public bool Has(string key) => _texts.ContainsKey(key) || _numbers.ContainsKey(key) || _flags.ContainsKey(key);

    /// <summary>Days from <paramref name="instant"/> to <see cref="Now"/>; NaN when the instant is unknown.</summary>
    public double DaysSince(DateTimeOffset? instant) => instant is { } value ? (Now - value).TotalDays : double.NaN;

    private void Add(string key, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                _texts[key] = text;
                return;
            case bool flag:
                _flags[key] = flag;
                return;
            case JsonElement element:
                AddJson(key, element);
                return;
            case IConvertible number when IsNumeric(number.GetTypeCode()):
                _numbers[key] = number.ToDouble(CultureInfo.InvariantCulture);
                return;
            default:
                throw new ArgumentException(
                    $"Context value '{key}' has type {value.GetType().Name}; only text, numbers and booleans are supported.",
                    nameof(value));
        }
    }

    private void AddJson(string key, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _texts[key] = element.GetString()!;
                return;
            case JsonValueKind.Number:
                _numbers[key] = element.GetDouble();
                return;
            case JsonValueKind.True:
            case JsonValueKind.False:
                _flags[key] = element.GetBoolean();
                return;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return;
            default:
                throw new ArgumentException(
                    $"Context value '{key}' is a JSON {element.ValueKind}; only text, numbers and booleans are supported.",
                    nameof(element));
        }
    }

    private static bool IsNumeric(TypeCode code) => code is >= TypeCode.SByte and <= TypeCode.Decimal;
}
