using Recommender.Ensemble.Data.Csv;

namespace Recommender.Ensemble.Data;

/// <summary>
/// Reads the generic CSV data format (docs/data-format.md): interactions.csv and items.csv, plus users.csv when
/// present. Rows stream through a reusable buffer and ids are interned as they first appear, so ten million
/// interactions load without a per-row allocation.
/// Interactions may name items that items.csv does not describe: a catalog export is often partial, and a model
/// can still learn from an item it has no metadata for.
/// </summary>
public static class CsvDatasetLoader
{
    public const string InteractionsFileName = "interactions.csv";
    public const string ItemsFileName = "items.csv";
    public const string UsersFileName = "users.csv";

    /// <summary>Whether <paramref name="folder"/> holds data in this format (it has an interactions.csv).</summary>
    public static bool IsCsvFolder(string folder) => File.Exists(Path.Combine(folder, InteractionsFileName));

    /// <summary>
    /// Loads the folder. The user and item id maps follow the order in which ids first appear in interactions.csv.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DataFormatException">A file is missing or malformed (names file, line, column and value).</exception>
    public static DatasetLoadResult Load(string folder, CsvLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Data folder '{folder}' does not exist.");
        var skip = (options ?? CsvLoadOptions.Strict).SkipInvalidRows;
        var skipped = new List<SkippedRows>(3);

        var interactionsPath = Path.Combine(folder, InteractionsFileName);
        var interactionRejections = new RowRejections(interactionsPath, skip);
        var interactions = CsvInteractionsReader.Read(interactionsPath, interactionRejections, cancellationToken);
        skipped.Add(interactionRejections.ToReport());

        var itemsPath = Path.Combine(folder, ItemsFileName);
        var itemRejections = new RowRejections(itemsPath, skip);
        var catalog = CsvCatalogReader.Read(itemsPath, itemRejections, cancellationToken);
        skipped.Add(itemRejections.ToReport());

        var usersPath = Path.Combine(folder, UsersFileName);
        IReadOnlyDictionary<string, UserProfile> users = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        if (File.Exists(usersPath))
        {
            var userRejections = new RowRejections(usersPath, skip);
            users = CsvUsersReader.Read(usersPath, userRejections, cancellationToken);
            skipped.Add(userRejections.ToReport());
        }

        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return new DatasetLoadResult(new Dataset(name, interactions, catalog, users), skipped);
    }
}
