namespace Recommender.Ensemble.Data;

/// <summary>A loaded data set and, per file read, how many malformed rows were skipped (zero unless skipping was asked for).</summary>
public sealed record DatasetLoadResult(Dataset Dataset, IReadOnlyList<SkippedRows> Skipped)
{
    public int SkippedTotal => Skipped.Sum(s => s.Count);
}
