using Recommender.Ensemble.Data;
using Recommender.Ensemble.Data.Synthetic;

namespace Recommender.Ensemble.Tests.Data.Synthetic;

public class SyntheticGeneratorTests
{
    private static readonly string[] Files = ["interactions.csv", "items.csv", "users.csv"];

    // More than one block of users (1,024) and of items (8,192), so block order matters.
    private static SyntheticOptions Medium(int seed, int threads) =>
        new(Users: 2_500, Items: 20_000, Interactions: 40_000, Seed: seed, Threads: threads);

    private static void Generate(SyntheticOptions options, string folder) =>
        new SyntheticGenerator(options).WriteTo(folder, null, TestContext.Current.CancellationToken);

    [Fact]
    public void Same_seed_gives_identical_bytes_on_any_thread_count_and_another_seed_differs()
    {
        using var one = new TempFolder();
        using var three = new TempFolder();
        using var other = new TempFolder();

        Generate(Medium(seed: 7, threads: 1), one.Path);
        Generate(Medium(seed: 7, threads: 3), three.Path);
        Generate(Medium(seed: 8, threads: 3), other.Path);

        foreach (var file in Files)
        {
            var bytes = File.ReadAllBytes(one.File(file));
            Assert.Equal(bytes, File.ReadAllBytes(three.File(file)));
            Assert.NotEqual(bytes, File.ReadAllBytes(other.File(file)));
        }
        Assert.Empty(Directory.GetFiles(one.Path, "*.tmp"));
    }

    [Fact]
    public void Round_trips_through_the_CSV_loader_with_the_requested_counts()
    {
        using var folder = new TempFolder();
        var options = Medium(seed: 3, threads: 2);
        Generate(options, folder.Path);

        var result = CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.SkippedTotal);
        var data = result.Dataset;
        var log = data.Interactions;
        Assert.Equal(options.Interactions, log.Count);
        Assert.Equal(options.Users, log.Users.Count); // every user has at least one interaction
        Assert.Equal(options.Users, data.Users.Count);
        Assert.Equal(options.Items, data.Catalog.Count);
        Assert.All(log.Items.Ids, id => Assert.True(data.Catalog.TryGet(id, out _)));

        var pairs = new HashSet<(int, int)>();
        for (var i = 0; i < log.Count; i++)
            Assert.True(pairs.Add((log.UserIndex[i], log.ItemIndex[i])), "a (user, item) pair repeats");
        Assert.All(log.Weight, w => Assert.InRange(w, 1f, 5f));
        Assert.All(log.Weight, w => Assert.Equal(MathF.Round(w), w));
        var end = options.StartUnixSeconds + options.Days * 86_400L;
        Assert.All(log.Timestamp, t => Assert.InRange(t, options.StartUnixSeconds, end - 1));
        // Each user's rows come together and in time order.
        for (var i = 1; i < log.Count; i++)
        {
            if (log.UserIndex[i] == log.UserIndex[i - 1])
                Assert.True(log.Timestamp[i] >= log.Timestamp[i - 1]);
            else
                Assert.Equal(log.UserIndex[i - 1] + 1, log.UserIndex[i]);
        }

        var start = DateTimeOffset.FromUnixTimeSeconds(options.StartUnixSeconds);
        Assert.All(data.Catalog.Items, item =>
        {
            Assert.NotEmpty(item.Title);
            Assert.InRange(item.Categories.Count, 1, 2);
            Assert.InRange(item.Tags.Count, 1, 4);
            Assert.NotEmpty(item.Regions);
            Assert.True(item.CreatedAt < start);
            Assert.True(item.Price is null or > 0m);
        });
        // Titles with commas and quotes exist and survive CSV quoting.
        Assert.Contains(data.Catalog.Items, i => i.Title.Contains(", Part ", StringComparison.Ordinal));
        Assert.Contains(data.Catalog.Items, i => i.Title.Contains('"', StringComparison.Ordinal));
        Assert.Contains(data.Catalog.Items, i => !i.InStock);
        Assert.Contains(data.Users.Values, u => u.Segments.Contains("premium"));
        Assert.All(data.Users.Values, u => Assert.Contains(u.Segments, s => s.StartsWith("fan-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Popularity_follows_the_exponent_so_the_top_percent_of_items_takes_a_large_share()
    {
        using var skewed = new TempFolder();
        using var flat = new TempFolder();
        var options = Medium(seed: 11, threads: 2);
        Generate(options, skewed.Path);
        Generate(options with { PopularityExponent = 0 }, flat.Path);

        var skewedShare = TopPercentShare(skewed.Path, options.Items);
        var flatShare = TopPercentShare(flat.Path, options.Items);

        // For rank^-0.7 over 20,000 items the top 1% holds about 21% of the mass: far above the 1% of uniform.
        Assert.True(skewedShare > 0.10, $"top 1% share {skewedShare:P1}");
        Assert.True(skewedShare > 2.5 * flatShare, $"skewed {skewedShare:P1} vs flat {flatShare:P1}");
    }

    private static double TopPercentShare(string folder, int items)
    {
        var log = CsvDatasetLoader.Load(folder, null, TestContext.Current.CancellationToken).Dataset.Interactions;
        var counts = new int[log.Items.Count];
        foreach (var item in log.ItemIndex)
            counts[item]++;
        Array.Sort(counts);
        Array.Reverse(counts);
        return (double)counts.Take(items / 100).Sum() / log.Count;
    }

    [Fact]
    public void Users_mostly_stay_in_their_favourite_categories()
    {
        using var folder = new TempFolder();
        Generate(SyntheticOptions.Sample(seed: 5), folder.Path);
        var data = CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken).Dataset;
        var log = data.Interactions;

        // Share of each user's interactions that fall in their single most frequent primary category.
        var byUser = new Dictionary<int, Dictionary<string, int>>();
        for (var i = 0; i < log.Count; i++)
        {
            data.Catalog.TryGet(log.Items[log.ItemIndex[i]], out var item);
            var perCategory = byUser.TryGetValue(log.UserIndex[i], out var found) ? found : byUser[log.UserIndex[i]] = [];
            perCategory[item.Categories[0]] = perCategory.GetValueOrDefault(item.Categories[0]) + 1;
        }
        var focus = byUser.Values.Where(c => c.Values.Sum() >= 10).Average(c => (double)c.Values.Max() / c.Values.Sum());

        // With 20 categories, users spreading their interactions at random would put well under 20% in one.
        Assert.True(focus > 0.4, $"focus {focus:P1}");
    }

    [Fact]
    public void The_sample_options_stay_under_three_megabytes()
    {
        using var folder = new TempFolder();

        Generate(SyntheticOptions.Sample(), folder.Path);

        var total = Files.Sum(f => new FileInfo(folder.File(f)).Length);
        Assert.InRange(total, 1, 3_000_000);
    }

    [Fact]
    public void Counts_weights_are_positive_whole_numbers()
    {
        using var folder = new TempFolder();
        Generate(new SyntheticOptions(200, 300, 3_000, Seed: 1, Weights: SyntheticWeights.Counts), folder.Path);

        var log = CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken).Dataset.Interactions;

        Assert.All(log.Weight, w => Assert.True(w >= 1 && w == MathF.Round(w)));
        Assert.Contains(log.Weight, w => w > 1);
    }

    [Fact]
    public void A_tiny_catalog_can_be_fully_taken_by_every_user()
    {
        using var folder = new TempFolder();
        Generate(new SyntheticOptions(Users: 4, Items: 5, Interactions: 20, Seed: 2, PopularityExponent: 2), folder.Path);

        var log = CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken).Dataset.Interactions;

        Assert.Equal(20, log.Count);
        var matrix = InteractionMatrix.FromLog(log);
        for (var u = 0; u < matrix.UserCount; u++)
            Assert.Equal(5, matrix.ItemsOf(u).Length);
    }

    [Fact]
    public void Progress_rises_to_one_and_cancellation_leaves_no_files()
    {
        using var folder = new TempFolder();
        var reports = new List<double>();
        new SyntheticGenerator(Medium(1, 2)).WriteTo(folder.Path, new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);
        Assert.Equal(0, reports[0]);
        Assert.Equal(1, reports[^1]);
        for (var i = 1; i < reports.Count; i++)
            Assert.True(reports[i] >= reports[i - 1]);

        using var cancelledFolder = new TempFolder();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new SyntheticGenerator(Medium(1, 2)).WriteTo(cancelledFolder.Path, null, cancellation.Token));
        Assert.Empty(Directory.GetFiles(cancelledFolder.Path));
    }

    [Theory]
    [InlineData(nameof(SyntheticOptions.Users))]
    [InlineData(nameof(SyntheticOptions.Items))]
    [InlineData(nameof(SyntheticOptions.Interactions))]
    [InlineData(nameof(SyntheticOptions.LatentFactors))]
    [InlineData(nameof(SyntheticOptions.PopularityExponent))]
    [InlineData(nameof(SyntheticOptions.Categories))]
    [InlineData(nameof(SyntheticOptions.ExplorationShare))]
    [InlineData(nameof(SyntheticOptions.CandidatesPerDraw))]
    [InlineData(nameof(SyntheticOptions.Days))]
    [InlineData(nameof(SyntheticOptions.Threads))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        var valid = new SyntheticOptions(10, 10, 50, Seed: 1);
        var invalid = option switch
        {
            nameof(SyntheticOptions.Users) => valid with { Users = 0 },
            nameof(SyntheticOptions.Items) => valid with { Items = 0 },
            nameof(SyntheticOptions.Interactions) => valid with { Interactions = 101 }, // more than 10 × 10 distinct pairs
            nameof(SyntheticOptions.LatentFactors) => valid with { LatentFactors = 0 },
            nameof(SyntheticOptions.PopularityExponent) => valid with { PopularityExponent = double.NaN },
            nameof(SyntheticOptions.Categories) => valid with { Categories = 0 },
            nameof(SyntheticOptions.ExplorationShare) => valid with { ExplorationShare = 1.5 },
            nameof(SyntheticOptions.CandidatesPerDraw) => valid with { CandidatesPerDraw = 0 },
            nameof(SyntheticOptions.Days) => valid with { Days = 0 },
            _ => valid with { Threads = -1 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticGenerator(invalid));

        Assert.Equal(option, error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticGenerator(valid with { Interactions = 9 })); // fewer than one per user
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one reports in order, on the reporting thread.</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
