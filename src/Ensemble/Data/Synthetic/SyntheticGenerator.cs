namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// Writes a synthetic data set in the CSV format of docs/data-format.md (interactions.csv, items.csv, users.csv),
/// any size, deterministic from <see cref="SyntheticOptions.Seed"/>: the same options give byte-identical files
/// on any number of threads. The data has the structure recommenders exploit — power-law item popularity,
/// categories whose items share a taste, users who favour a few categories, uneven user activity — so models
/// trained on it behave as on real data, only faster to obtain and free to redistribute.
/// </summary>
public sealed class SyntheticGenerator
{
    public SyntheticGenerator(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public SyntheticOptions Options { get; }

    /// <summary>
    /// Creates <paramref name="folder"/> if needed and writes the three files into it, replacing any there. Files
    /// are written under temporary names and renamed at the end, so a cancelled or failed run leaves no partial
    /// file behind under a real name.
    /// </summary>
    /// <param name="progress">Receives the fraction done, from 0 to 1, on the writing thread.</param>
    public void WriteTo(string folder, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var threads = Options.Threads > 0 ? Options.Threads : Environment.ProcessorCount;
        var itemsPath = Path.Combine(folder, CsvDatasetLoader.ItemsFileName);
        var usersPath = Path.Combine(folder, CsvDatasetLoader.UsersFileName);
        var interactionsPath = Path.Combine(folder, CsvDatasetLoader.InteractionsFileName);
        string[] finalPaths = [itemsPath, usersPath, interactionsPath];
        var temporaryPaths = finalPaths.Select(p => p + ".tmp").ToArray();

        try
        {
            progress?.Report(0);
            var model = SyntheticCatalogModel.Build(Options, threads, cancellationToken);
            var counts = UserActivity.Allocate(Options);
            var catalog = new CatalogRowWriter(Options, model);
            var people = new UserBlockWriter(Options, model, counts);

            // Progress counts rows written; the model build is quick next to writing.
            double totalRows = Options.Items + Options.Users + Options.Interactions;
            double rowsDone = 0;

            using (var items = OpenForWriting(temporaryPaths[0]))
            {
                items.Write(CatalogRowWriter.Header);
                OrderedBlockWriter.Run(catalog.BlockCount, threads, [items],
                    (block, buffers) => catalog.Write(block, buffers[0]),
                    block =>
                    {
                        rowsDone += catalog.ItemsIn(block);
                        progress?.Report(rowsDone / totalRows);
                    },
                    cancellationToken);
            }

            using (var users = OpenForWriting(temporaryPaths[1]))
            using (var interactions = OpenForWriting(temporaryPaths[2]))
            {
                users.Write(UserBlockWriter.UsersHeader);
                interactions.Write(UserBlockWriter.InteractionsHeader);
                OrderedBlockWriter.Run(people.BlockCount, threads, [users, interactions],
                    (block, buffers) => people.Write(block, buffers[0], buffers[1]),
                    block =>
                    {
                        rowsDone += Math.Min(UserBlockWriter.BlockSize, Options.Users - block * UserBlockWriter.BlockSize)
                            + people.InteractionsIn(block);
                        progress?.Report(Math.Min(1, rowsDone / totalRows));
                    },
                    cancellationToken);
            }

            for (var i = 0; i < finalPaths.Length; i++)
                File.Move(temporaryPaths[i], finalPaths[i], overwrite: true);
            progress?.Report(1);
        }
        catch
        {
            foreach (var path in temporaryPaths)
                File.Delete(path);
            throw;
        }
    }

    private static FileStream OpenForWriting(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 1 << 16,
        });
}
