namespace Recommender.Ensemble.Data;

/// <summary>Rows of one file left out because they were malformed (only with <see cref="CsvLoadOptions.SkipInvalidRows"/>).</summary>
/// <param name="File">Path of the file.</param>
/// <param name="Count">How many rows were left out.</param>
/// <param name="Examples">The first few of them (at most <see cref="MaxExamples"/>), each naming line, column and value.</param>
public sealed record SkippedRows(string File, int Count, IReadOnlyList<DataFormatException> Examples)
{
    public const int MaxExamples = 10;
}
