namespace Recommender.Ensemble.Data;

/// <summary>Loads a data folder in whichever supported format it holds: MovieLens 100K (u.data) or the generic CSV format.</summary>
public static class DatasetLoader
{
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DataFormatException">The folder holds neither format, or its files are malformed.</exception>
    public static DatasetLoadResult Load(string folder, CsvLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Data folder '{folder}' does not exist.");
        if (MovieLensLoader.IsMovieLensFolder(folder))
            return new DatasetLoadResult(MovieLensLoader.Load(folder), []);
        if (CsvDatasetLoader.IsCsvFolder(folder))
            return CsvDatasetLoader.Load(folder, options, cancellationToken);
        throw new DataFormatException(folder, 0,
            $"no data found: expected either u.data (MovieLens 100K) or {CsvDatasetLoader.InteractionsFileName} with {CsvDatasetLoader.ItemsFileName} (CSV format, see docs/data-format.md)");
    }
}
