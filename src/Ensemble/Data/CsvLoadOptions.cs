namespace Recommender.Ensemble.Data;

/// <summary>How <see cref="CsvDatasetLoader"/> treats malformed rows.</summary>
/// <param name="SkipInvalidRows">
/// false (default): the first malformed row fails the load with a <see cref="DataFormatException"/>.
/// true: malformed rows are left out and counted per file in <see cref="DatasetLoadResult.Skipped"/>; a missing
/// file, a bad header or a missing required column still fails the load.
/// </param>
public sealed record CsvLoadOptions(bool SkipInvalidRows = false)
{
    public static CsvLoadOptions Strict { get; } = new();
}
