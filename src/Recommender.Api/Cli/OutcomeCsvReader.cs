using Recommender.Ensemble.Data.Csv;
using Recommender.Experiments.Outcomes;

namespace Recommender.Api.Cli;

/// <summary>
/// Reads an analytics-store export of outcome events (docs/outcomes-csv.md): RFC 4180 CSV, a header naming the
/// columns eventId, type, userId, itemId, timestamp and optionally requestId and value (any order, any case; other
/// columns are ignored). Each record is checked by <see cref="OutcomeEventValidator"/>, the rules POST /v1/outcomes
/// applies; an empty cell is an absent value.
/// </summary>
internal static class OutcomeCsvReader
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["eventId", "type", "userId", "itemId", "timestamp"];
    public static readonly IReadOnlyList<string> OptionalColumns = ["requestId", "value"];

    /// <summary>The records in file order; a header that lacks a required column fails with <see cref="Ensemble.Data.DataFormatException"/>.</summary>
    public static IEnumerable<OutcomeCsvRecord> Read(TextReader text, string file)
    {
        using var reader = new CsvRecordReader(text);
        var header = CsvHeader.Read(reader, file, RequiredColumns);
        int eventId = header.Required("eventId"), type = header.Required("type"), userId = header.Required("userId"),
            itemId = header.Required("itemId"), timestamp = header.Required("timestamp"),
            requestId = header.Optional("requestId"), value = header.Optional("value");
        while (reader.Read())
        {
            if (header.ShapeProblem(reader) is { } shape)
            {
                yield return new OutcomeCsvRecord(reader.LineNumber, null, shape);
                continue;
            }
            var validation = OutcomeEventValidator.Validate(
                Cell(reader, eventId), Cell(reader, type), Cell(reader, userId), Cell(reader, itemId),
                Cell(reader, requestId), Cell(reader, timestamp), Cell(reader, value));
            yield return validation.Event is { } valid
                ? new OutcomeCsvRecord(reader.LineNumber, valid, null)
                : new OutcomeCsvRecord(reader.LineNumber, null, string.Join("; ", validation.Errors));
        }
    }

    private static string? Cell(CsvRecordReader reader, int column)
    {
        var value = reader.Value(column);
        return value.IsEmpty ? null : value.ToString();
    }
}
