namespace Recommender.Ensemble.Data.Csv;

/// <summary>
/// Hands out one string instance per distinct value. Catalog and user files repeat a few category, tag, region
/// and country names across millions of rows; sharing the instances keeps a large catalog's memory small.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
            return "";
        if (_bySpan.TryGetValue(value, out var existing))
            return existing;
        var created = value.ToString();
        _strings.Add(created, created);
        return created;
    }
}
