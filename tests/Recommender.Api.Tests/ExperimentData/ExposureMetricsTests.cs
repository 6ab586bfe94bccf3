using System.Globalization;
using System.Net.Http.Json;

namespace Recommender.Api.Tests.ExperimentData;

/// <summary>
/// GET /metrics carries the exposure log's counters, so an operator sees exposures piling up in the spool before
/// an A/B analysis misses them. Reads /metrics, so it runs alone.
/// </summary>
[Collection(ProcessWideMetricsGroup.Name)]
public sealed class ExposureMetricsTests : IAsyncLifetime
{
    private readonly RunningService _service = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _service.InitializeAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Accepted_and_written_exposures_are_exported()
    {
        var before = await ScrapeAsync();
        var user = _service.Store.Serving!.Dataset.Interactions.Users[3];
        for (var i = 0; i < 3; i++)
        {
            using var response = await _service.Client.PostAsJsonAsync("/v1/recommendations", new { userId = user, k = 5 }, Cancel);
            response.EnsureSuccessStatusCode();
        }
        await _service.ExposureLog.DrainAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(1), Cancel);

        var after = await ScrapeAsync();

        Assert.Equal(3, Value(after, "exposures_accepted_total") - Value(before, "exposures_accepted_total"));
        Assert.Equal(3, Value(after, "exposures_written_total") - Value(before, "exposures_written_total"));
        Assert.Equal(0, Value(after, "exposures_queued"));
    }

    private async Task<string[]> ScrapeAsync() => (await _service.Client.GetStringAsync("/metrics", Cancel)).Split('\n');

    /// <summary>The sample of a metric without labels beyond the exporter's own (0 when it is not there yet).</summary>
    private static double Value(string[] lines, string metric) =>
        lines.Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));
}
