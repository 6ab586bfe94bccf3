using System.Text.Json;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Tests.Cli;

/// <summary>import-outcomes on a small CSV with good, duplicate and bad lines, into a SQLite store.</summary>
public sealed class ImportOutcomesCommandTests : IDisposable
{
    // Line numbers count the header as line 1. Good: e1, e2, e6 (a quoted item id holding a comma). Line 4 repeats e1.
    // Bad: 5 unknown type; 6 no userId and a timestamp without 'T' and offset; 7 a rating without value; 9 a negative
    // purchase; 10 too few fields.
    private const string Csv = """
        eventId,type,userId,itemId,requestId,timestamp,value
        e1,click,u1,i1,r1,2025-01-01T00:10:00Z,
        e2,purchase,u1,i2,,2025-01-01T00:11:00+01:00,12.5
        e1,click,u1,i1,r1,2025-01-01T00:10:00Z,
        e3,like,u1,i1,,2025-01-01T00:12:00Z,
        e4,click,,i1,,2025-01-01 00:12:00,
        e5,rating,u2,i3,,2025-01-01T00:13:00Z,
        "e6","click","u2","i,4",,2025-01-01T00:14:00.250Z,
        e7,purchase,u2,i5,,2025-01-01T00:15:00Z,-3
        e8,click,u3,i1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "import-tests-" + Guid.NewGuid().ToString("N"));

    public ImportOutcomesCommandTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(CsvFile, Csv);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Database => Path.Combine(_folder, "experiments.db");

    private string CsvFile => Path.Combine(_folder, "outcomes.csv");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(CliProcess.Result Run, JsonElement Summary)> ImportAsync(params string[] args)
    {
        var run = await CliProcess.RunAsync(_folder, Cancel, ["import-outcomes", "--file", CsvFile, "--database", Database, "--json", .. args]);
        return (run, JsonDocument.Parse(run.LastLine).RootElement.Clone());
    }

    private async Task<long> StoredOutcomesAsync()
    {
        await using var store = await ExperimentStore.OpenAsync(new ExperimentStoreOptions { SqlitePath = Database }, cancellationToken: Cancel);
        return await store.CountOutcomesAsync(Cancel);
    }

    private static int[] RejectedLines(JsonElement summary) =>
        [.. summary.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("line").GetInt32())];

    [Fact]
    public async Task A_file_with_invalid_lines_is_refused_whole_and_the_lines_are_named()
    {
        var (run, summary) = await ImportAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.False(summary.GetProperty("imported").GetBoolean());
        Assert.Equal(9, summary.GetProperty("records").GetInt64());
        Assert.Equal(5, summary.GetProperty("rejected").GetInt64());
        Assert.Equal([5, 6, 7, 9, 10], RejectedLines(summary));
        Assert.Equal(0, await StoredOutcomesAsync());
        Assert.Contains("line 6:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_invalid_stores_the_good_lines_once_and_reports_the_rest()
    {
        var (run, summary) = await ImportAsync("--skip-invalid");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(3, summary.GetProperty("accepted").GetInt64());
        Assert.Equal(1, summary.GetProperty("duplicates").GetInt64());
        Assert.Equal([5, 6, 7, 9, 10], RejectedLines(summary));
        var reasons = summary.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).ToArray();
        Assert.StartsWith("type: 'like' is not one of", reasons[0], StringComparison.Ordinal);
        Assert.Contains("userId: required", reasons[1], StringComparison.Ordinal);
        Assert.Contains("timestamp:", reasons[1], StringComparison.Ordinal);
        Assert.Contains("value: required for a rating", reasons[2], StringComparison.Ordinal);
        Assert.Contains("value: a purchase's value", reasons[3], StringComparison.Ordinal);
        Assert.Contains("expected 7 fields", reasons[4], StringComparison.Ordinal);
        Assert.Equal(3, await StoredOutcomesAsync());

        // Importing again stores nothing new: every valid event is now a duplicate.
        var (again, second) = await ImportAsync("--skip-invalid");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(0, second.GetProperty("accepted").GetInt64());
        Assert.Equal(4, second.GetProperty("duplicates").GetInt64());
        Assert.Equal(3, await StoredOutcomesAsync());
    }

    [Fact]
    public async Task A_header_without_a_required_column_fails_before_anything_is_read()
    {
        File.WriteAllText(CsvFile, "eventId,type,userId,timestamp\ne1,click,u1,2025-01-01T00:00:00Z\n");

        var run = await CliProcess.RunAsync(_folder, Cancel, "import-outcomes", "--file", CsvFile, "--database", Database);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'itemId' missing", run.Stderr, StringComparison.Ordinal);
    }
}
