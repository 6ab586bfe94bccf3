namespace Recommender.Ensemble.Data.Csv;

/// <summary>
/// The column names of a CSV file's first record. Columns are found by name (trimmed, case-insensitive), so their
/// order is free and columns nobody asks for are ignored.
/// </summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _indexByName;

    private CsvHeader(string file, Dictionary<string, int> indexByName, int count)
    {
        File = file;
        _indexByName = indexByName;
        Count = count;
    }

    public string File { get; }

    /// <summary>Number of columns every record of the file must have.</summary>
    public int Count { get; }

    /// <summary>Reads the header record; fails when the file is empty or a column name repeats.</summary>
    public static CsvHeader Read(CsvRecordReader reader, string file, IReadOnlyList<string> requiredColumns)
    {
        if (!reader.Read())
            throw new DataFormatException(file, 1, $"the file is empty; expected a header line with the columns {string.Join(",", requiredColumns)}");
        if (reader.Error is not null)
            throw new DataFormatException(file, reader.LineNumber, $"header: {reader.Error}");
        var indexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.Field(i).Trim().ToString();
            if (name.Length > 0 && !indexByName.TryAdd(name, i))
                throw new DataFormatException(file, reader.LineNumber, $"header: column '{name}' appears twice");
        }
        var header = new CsvHeader(file, indexByName, reader.FieldCount);
        var missing = requiredColumns.Where(c => !indexByName.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
            throw new DataFormatException(file, reader.LineNumber,
                $"header: required column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} missing (found: {string.Join(",", indexByName.Keys)})");
        return header;
    }

    /// <summary>Why the current record cannot be read column by column (broken quoting, wrong field count); null when it can.</summary>
    public string? ShapeProblem(CsvRecordReader reader) =>
        reader.Error
        ?? (reader.FieldCount == Count ? null : $"expected {Count} fields as in the header, found {reader.FieldCount}");

    /// <summary>Index of a column the header is known to have.</summary>
    public int Required(string name) => _indexByName[name];

    /// <summary>Index of a column, or -1 when the file does not have it.</summary>
    public int Optional(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;
}
