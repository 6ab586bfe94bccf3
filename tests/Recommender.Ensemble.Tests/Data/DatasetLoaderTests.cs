using Recommender.Ensemble.Data;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Data;

public class DatasetLoaderTests
{
    [Fact]
    public void A_folder_with_u_data_is_read_as_MovieLens()
    {
        using var folder = new TempFolder();
        folder.Write("u.data", "1\t10\t4\t881250949\n2\t10\t3\t881250950\n");
        // An interactions.csv next to it does not change the choice.
        folder.Write("interactions.csv", "user_id,item_id\nx,y\n");

        var result = DatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken);

        Assert.Equal("ml-100k", result.Dataset.Name);
        Assert.Equal(["1", "2"], result.Dataset.Interactions.Users.Ids);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void A_folder_with_interactions_csv_is_read_as_CSV()
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", "user_id,item_id,weight\nx,y,oops\nx,z,2\n");
        folder.Write("items.csv", "item_id,title\n");

        var result = DatasetLoader.Load(folder.Path, new CsvLoadOptions(SkipInvalidRows: true), TestContext.Current.CancellationToken);

        Assert.Equal(["z"], result.Dataset.Interactions.Items.Ids);
        Assert.Equal(1, result.SkippedTotal);
    }

    [Fact]
    public void A_folder_with_neither_format_or_no_folder_at_all_fails_clearly()
    {
        using var folder = new TempFolder();
        folder.Write("ratings.dat", "1::2::3::4\n");

        var error = Assert.Throws<DataFormatException>(() => DatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken));
        Assert.Contains("u.data", error.Reason);
        Assert.Contains("interactions.csv", error.Reason);

        Assert.Throws<DirectoryNotFoundException>(() => DatasetLoader.Load(folder.File("no-such-folder"), null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_real_MovieLens_folder_loads_through_the_dispatcher()
    {
        var folder = MovieLensData.RequireFolder();

        var result = DatasetLoader.Load(folder, null, TestContext.Current.CancellationToken);

        Assert.Equal(100_000, result.Dataset.Interactions.Count);
        Assert.Equal(943, result.Dataset.Interactions.Users.Count);
        Assert.Equal(1682, result.Dataset.Catalog.Count);
    }
}
