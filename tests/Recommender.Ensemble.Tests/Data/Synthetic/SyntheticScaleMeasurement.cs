using System.Diagnostics;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Data.Synthetic;

namespace Recommender.Ensemble.Tests.Data.Synthetic;

/// <summary>
/// Not a test: a measurement, run only on request, of generating and loading the full-size synthetic set
/// (500,000 users, 1,000,000 items, 10,000,000 interactions; about 410 MB on disk, removed afterwards). It prints
/// the times and asserts only the counts, since timings on a shared machine prove nothing. Run with
/// <c>dotnet test tests/Recommender.Ensemble.Tests -c Release --filter "FullyQualifiedName~SyntheticScaleMeasurement" -- xUnit.Explicit=only</c>
/// and read the output with <c>--logger "console;verbosity=detailed"</c>.
/// </summary>
public class SyntheticScaleMeasurement
{
    [Fact(Explicit = true)]
    public void Generate_and_load_ten_million_interactions()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var cancellation = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var options = new SyntheticOptions(Users: 500_000, Items: 1_000_000, Interactions: 10_000_000, Seed: 42);

        var clock = Stopwatch.StartNew();
        new SyntheticGenerator(options).WriteTo(folder.Path, null, cancellation);
        output.WriteLine($"generate: {clock.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} processors");
        foreach (var file in new[] { "interactions.csv", "items.csv", "users.csv" })
            output.WriteLine($"  {file}: {new FileInfo(folder.File(file)).Length:N0} bytes");

        clock.Restart();
        var result = CsvDatasetLoader.Load(folder.Path, null, cancellation);
        output.WriteLine($"load: {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(options.Interactions, result.Dataset.Interactions.Count);
        Assert.Equal(options.Items, result.Dataset.Catalog.Count);
    }
}
