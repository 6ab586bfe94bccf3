using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Tests.Data;

public class CsvDatasetLoaderTests
{
    private const string MinimalItems = "item_id,title\n";

    [Fact]
    public void Loads_all_three_files_with_quoting_lists_and_both_time_forms()
    {
        using var folder = new TempFolder();
        // Columns out of order, an unknown column, CRLF line breaks and a byte-order mark.
        folder.Write("interactions.csv",
            "\uFEFFtimestamp,item_id,source,user_id,weight\r\n" +
            "1704067200,i1,web,u1,4.5\r\n" +
            "2024-01-02T03:04:05Z,i2,app,u1,\r\n" +
            ",i1,web,u2,2\r\n" +
            "2024-01-02,\"i,3\",web,u2,1e1\r\n");
        folder.Write("items.csv",
            "item_id,title,categories,tags,price,in_stock,age_rating,regions,created_at\n" +
            "i1,\"Garden, Revisited\",Drama|Comedy,classic,12.50,true,PG-13,US|EU,2020-05-01T10:00:00+02:00\n" +
            "i2,\"The \"\"Lost\"\" River\",,  a | b ||c ,,0,,,\n" +
            "\"i,3\",\"Two\nLines\",Horror,,3,FALSE,R,JP,2019-12-31\n");
        folder.Write("users.csv",
            "user_id,age,gender,occupation,country,segments\n" +
            "u1,34,F,engineer,DE,premium|fan-drama\n" +
            "u2,,,,,\n");

        var result = CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken);

        var log = result.Dataset.Interactions;
        Assert.Equal(["u1", "u2"], log.Users.Ids);
        Assert.Equal(["i1", "i2", "i,3"], log.Items.Ids);
        Assert.Equal([0, 0, 1, 1], log.UserIndex);
        Assert.Equal([0, 1, 0, 2], log.ItemIndex);
        Assert.Equal([4.5f, 1f, 2f, 10f], log.Weight);
        // 2024-01-01T00:00:00Z is 1704067200; one day and 3:04:05 later is +86400 + 11045.
        Assert.Equal([1704067200L, 1704164645L, 0L, 1704153600L], log.Timestamp);

        var catalog = result.Dataset.Catalog;
        Assert.Equal(3, catalog.Count);
        Assert.True(catalog.TryGet("i1", out var garden));
        Assert.Equal("Garden, Revisited", garden.Title);
        Assert.Equal(["Drama", "Comedy"], garden.Categories);
        Assert.Equal(["classic"], garden.Tags);
        Assert.Equal(12.50m, garden.Price);
        Assert.True(garden.InStock);
        Assert.Equal("PG-13", garden.AgeRating);
        Assert.Equal(["US", "EU"], garden.Regions);
        Assert.Equal(new DateTimeOffset(2020, 5, 1, 8, 0, 0, TimeSpan.Zero), garden.CreatedAt);

        Assert.True(catalog.TryGet("i2", out var river));
        Assert.Equal("The \"Lost\" River", river.Title);
        Assert.Empty(river.Categories);
        Assert.Equal(["a", "b", "c"], river.Tags);
        Assert.Null(river.Price);
        Assert.False(river.InStock);
        Assert.Null(river.AgeRating);
        Assert.Empty(river.Regions);
        Assert.Null(river.CreatedAt);

        Assert.True(catalog.TryGet("i,3", out var third));
        Assert.Equal("Two\nLines", third.Title);
        Assert.Equal(3m, third.Price);
        Assert.False(third.InStock);
        Assert.Equal(new DateTimeOffset(2019, 12, 31, 0, 0, 0, TimeSpan.Zero), third.CreatedAt);

        var users = result.Dataset.Users;
        var u1 = users["u1"];
        Assert.Equal((34, "F", "engineer", "DE"), (u1.Age, u1.Gender, u1.Occupation, u1.Country));
        Assert.Equal(["premium", "fan-drama"], u1.Segments);
        var u2 = users["u2"];
        Assert.Equal((null, null, null, null), (u2.Age, u2.Gender, u2.Occupation, u2.Country));
        Assert.Empty(u2.Segments);

        Assert.Equal(0, result.SkippedTotal);
        Assert.Equal(3, result.Skipped.Count);
        Assert.Equal(Path.GetFileName(folder.Path), result.Dataset.Name);
    }

    [Fact]
    public void Optional_columns_and_users_file_may_be_absent()
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", "user_id,item_id\nu1,i1\nu1,i9\n");
        folder.Write("items.csv", MinimalItems + "i1,One\n");

        var result = CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken);

        Assert.Equal([1f, 1f], result.Dataset.Interactions.Weight);
        Assert.Equal([0L, 0L], result.Dataset.Interactions.Timestamp);
        // i9 has no catalog row: allowed, a catalog may be partial.
        Assert.Equal(["i1", "i9"], result.Dataset.Interactions.Items.Ids);
        Assert.Equal(1, result.Dataset.Catalog.Count);
        Assert.True(result.Dataset.Catalog.TryGet("i1", out var one));
        Assert.Equal(("One", null, true, null, null), (one.Title, one.Price, one.InStock, one.AgeRating, one.CreatedAt));
        Assert.Empty(one.Categories);
        Assert.Empty(one.Tags);
        Assert.Empty(one.Regions);
        Assert.Empty(result.Dataset.Users);
        Assert.Equal(2, result.Skipped.Count); // users.csv was not read
    }

    [Theory]
    [InlineData("interactions.csv", "user_id,weight\nu1,1\n", "item_id")]
    [InlineData("items.csv", "item_id,categories\ni1,Drama\n", "title")]
    [InlineData("users.csv", "age,gender\n30,F\n", "user_id")]
    public void A_missing_required_column_fails_on_the_header(string file, string content, string column)
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", "user_id,item_id\nu1,i1\n");
        folder.Write("items.csv", MinimalItems);
        folder.Write(file, content);

        var error = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken));

        Assert.Equal(folder.File(file), error.File);
        Assert.Equal(1, error.Line);
        Assert.Contains($"required column '{column}' missing", error.Reason);
    }

    [Theory]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\nu1,i1,1,0\nu1,i2,abc,0\n", 3, "column 'weight': 'abc' is not a finite number")]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\nu1,i1,NaN,0\n", 2, "column 'weight': 'NaN'")]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\nu1,i1,1,yesterday\n", 2, "column 'timestamp': 'yesterday' is neither unix seconds nor an ISO-8601")]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\nu1,i1,1,2024-02-30\n", 2, "column 'timestamp': '2024-02-30'")]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\n  ,i1,1,0\n", 2, "column 'user_id' is empty")]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\nu1,,1,0\n", 2, "column 'item_id' is empty")]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\nu1,i1,1\n", 2, "expected 4 fields as in the header, found 3")]
    [InlineData("interactions.csv", "user_id,item_id,weight,timestamp\n\"u1\nmore,i1,1,0\n", 2, "quoted field opened on line 2 is never closed")]
    [InlineData("interactions.csv", "user_id,item_id\nu1,i1\nu\"2,i1\n", 3, "double quote inside an unquoted field")]
    [InlineData("items.csv", "item_id,title,price\ni1,A,12.5\ni2,B,\"12,5\"\n", 3, "column 'price': '12,5' is not a non-negative decimal")]
    [InlineData("items.csv", "item_id,title,price\ni1,A,-3\n", 2, "column 'price': '-3'")]
    [InlineData("items.csv", "item_id,title,in_stock\ni1,A,yes\n", 2, "column 'in_stock': 'yes' is not true, false, 1 or 0")]
    [InlineData("items.csv", "item_id,title,created_at\ni1,A,05/01/2020\n", 2, "column 'created_at': '05/01/2020' is not an ISO-8601 date/time")]
    [InlineData("items.csv", "item_id,title\ni1,A\ni1,B\n", 3, "column 'item_id': 'i1' repeats an item id of an earlier row")]
    [InlineData("users.csv", "user_id,age\nu1,abc\n", 2, "column 'age': 'abc' is not a whole number of years from 0 to 150")]
    [InlineData("users.csv", "user_id,age\nu1,151\n", 2, "column 'age': '151'")]
    [InlineData("users.csv", "user_id,age\nu1,30\nu1,31\n", 3, "column 'user_id': 'u1' repeats a user id of an earlier row")]
    public void A_malformed_row_fails_naming_file_line_column_and_value(string file, string content, int line, string reason)
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", "user_id,item_id\nu1,i1\n");
        folder.Write("items.csv", MinimalItems);
        folder.Write(file, content);

        var error = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken));

        Assert.Equal(folder.File(file), error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"{folder.File(file)}:{line}: ", error.Message);
    }

    [Fact]
    public void Line_numbers_count_line_breaks_inside_quoted_fields()
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", "user_id,item_id\nu1,i1\n");
        folder.Write("items.csv", "item_id,title,in_stock\ni1,\"three\nline\ntitle\",true\ni2,B,maybe\n");

        var error = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken));

        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Skipping_invalid_rows_keeps_the_good_ones_and_counts_the_rest_per_file()
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv",
            "user_id,item_id,weight,timestamp\n" +
            "u1,i1,1,0\n" +
            "bad-user,i1,x,0\n" + // line 3: bad weight
            "u2,i2,2,5\n" +
            "u3,i3\n" +           // line 5: too few fields
            "u2,i1,3,6\n");
        folder.Write("items.csv", "item_id,title,price\ni1,A,1.00\ni2,B,-1\n");
        folder.Write("users.csv", "user_id,age\nu1,20\nu2,30\n");

        var result = CsvDatasetLoader.Load(folder.Path, new CsvLoadOptions(SkipInvalidRows: true), TestContext.Current.CancellationToken);

        var log = result.Dataset.Interactions;
        Assert.Equal(3, log.Count);
        // Skipped rows leave no id behind.
        Assert.Equal(["u1", "u2"], log.Users.Ids);
        Assert.Equal(["i1", "i2"], log.Items.Ids);
        Assert.Equal(1, result.Dataset.Catalog.Count);
        Assert.Equal(2, result.Dataset.Users.Count);

        Assert.Equal(3, result.SkippedTotal);
        var interactions = Assert.Single(result.Skipped, s => s.File == folder.File("interactions.csv"));
        Assert.Equal(2, interactions.Count);
        Assert.Equal([3, 5], interactions.Examples.Select(e => e.Line));
        Assert.Contains("column 'weight': 'x'", interactions.Examples[0].Reason);
        var items = Assert.Single(result.Skipped, s => s.File == folder.File("items.csv"));
        Assert.Equal(1, items.Count);
        Assert.Equal(3, items.Examples[0].Line);
        Assert.Equal(0, Assert.Single(result.Skipped, s => s.File == folder.File("users.csv")).Count);
    }

    [Fact]
    public void Skipping_does_not_excuse_a_bad_header()
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", "user,item\nu1,i1\n");
        folder.Write("items.csv", MinimalItems);

        Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(folder.Path, new CsvLoadOptions(SkipInvalidRows: true), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Empty_files_missing_items_file_and_repeated_header_columns_fail_clearly()
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", "");
        folder.Write("items.csv", MinimalItems);
        var empty = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken));
        Assert.Equal(1, empty.Line);
        Assert.Contains("empty", empty.Reason);

        folder.Write("interactions.csv", "user_id,item_id,user_id\nu1,i1,u1\n");
        var repeated = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken));
        Assert.Contains("column 'user_id' appears twice", repeated.Reason);

        folder.Write("interactions.csv", "user_id,item_id\nu1,i1\n");
        File.Delete(folder.File("items.csv"));
        var missing = Assert.Throws<DataFormatException>(() => CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken));
        Assert.Equal(folder.File("items.csv"), missing.File);
        Assert.Equal("file not found", missing.Reason);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", 1704164645L)]
    [InlineData("2024-01-02T03:04:05.750Z", 1704164645L)]
    [InlineData("2024-01-02 03:04:05", 1704164645L)]
    [InlineData("2024-01-02T05:04:05+02:00", 1704164645L)]
    [InlineData("2024-01-02T03:04Z", 1704164640L)]
    [InlineData("2024-01-02", 1704153600L)]
    [InlineData("-86400", -86400L)]
    public void Timestamps_accept_unix_seconds_and_iso_8601(string text, long expected)
    {
        using var folder = new TempFolder();
        folder.Write("interactions.csv", $"user_id,item_id,timestamp\nu1,i1,{text}\n");
        folder.Write("items.csv", MinimalItems);

        var log = CsvDatasetLoader.Load(folder.Path, null, TestContext.Current.CancellationToken).Dataset.Interactions;

        Assert.Equal(expected, log.Timestamp[0]);
    }
}
