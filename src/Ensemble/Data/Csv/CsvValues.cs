using System.Globalization;

namespace Recommender.Ensemble.Data.Csv;

/// <summary>
/// How the CSV format reads each kind of value (docs/data-format.md is the specification). Values arrive
/// trimmed; an empty value means "not given" and is handled by the caller before these are called.
/// </summary>
internal static class CsvValues
{
    /// <summary>ISO-8601 forms accepted for dates and times; without an offset a time is UTC.</summary>
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    public static bool TryParseWeight(ReadOnlySpan<char> value, out float weight) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) && float.IsFinite(weight);

    /// <summary>Unix seconds (an integer, possibly negative) or an ISO-8601 date/time.</summary>
    public static bool TryParseUnixSeconds(ReadOnlySpan<char> value, out long unixSeconds)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out unixSeconds))
            return true;
        if (TryParseIso(value, out var time))
        {
            unixSeconds = time.ToUnixTimeSeconds();
            return true;
        }
        return false;
    }

    /// <summary>An ISO-8601 date/time, or unix seconds for symmetry with interaction timestamps.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> value, out DateTimeOffset time)
    {
        if (TryParseIso(value, out time))
            return true;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        return false;
    }

    /// <summary>A non-negative decimal with '.' as separator: no sign, exponent or thousands separators.</summary>
    public static bool TryParsePrice(ReadOnlySpan<char> value, out decimal price) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price);

    /// <summary>true/false (any case) or 1/0.</summary>
    public static bool TryParseBool(ReadOnlySpan<char> value, out bool result)
    {
        if (value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            result = true;
            return true;
        }
        if (value is "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            result = false;
            return true;
        }
        result = false;
        return false;
    }

    public const int MaxAge = 150;

    public static bool TryParseAge(ReadOnlySpan<char> value, out int age) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out age) && age <= MaxAge;

    /// <summary>Splits a '|'-separated list; entries are trimmed and empty entries dropped.</summary>
    public static string[] SplitList(ReadOnlySpan<char> value, StringPool pool)
    {
        if (value.IsEmpty)
            return [];
        var count = 0;
        foreach (var range in value.Split('|'))
        {
            if (!value[range].Trim().IsEmpty)
                count++;
        }
        var entries = new string[count];
        var at = 0;
        foreach (var range in value.Split('|'))
        {
            var entry = value[range].Trim();
            if (!entry.IsEmpty)
                entries[at++] = pool.Get(entry);
        }
        return entries;
    }

    /// <summary>The reason text of a value error: names the column and quotes the value.</summary>
    public static string Invalid(string column, ReadOnlySpan<char> value, string expectation) =>
        $"column '{column}': '{Shorten(value)}' {expectation}";

    private static string Shorten(ReadOnlySpan<char> value) =>
        value.Length <= 80 ? value.ToString() : string.Concat(value[..77], "...");

    private static bool TryParseIso(ReadOnlySpan<char> value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
