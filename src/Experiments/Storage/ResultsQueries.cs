using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Storage;

/// <summary>Runs <see cref="AnalysisSql"/> and the counting queries over any open connection (both dialects).</summary>
internal static class ResultsQueries
{
    public static async Task<IReadOnlyList<VariantExposureCounts>> VariantExposureCountsAsync(
        DbConnection connection, string experiment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(experiment);
        var rows = await connection.QueryAsync<ExposureCountsRow>(new CommandDefinition(
            AnalysisSql.VariantExposureCounts, new { Experiment = experiment }, cancellationToken: cancellationToken));
        return rows.Select(r => new VariantExposureCounts(r.Variant, r.Users, r.Exposures, r.CrossoverUsers)).ToList();
    }

    public static async Task<IReadOnlyList<VariantMetricSums>> VariantMetricSumsAsync(
        DbConnection connection, string experiment, OutcomeMetric metric, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(experiment);
        ArgumentNullException.ThrowIfNull(metric);
        var rows = await connection.QueryAsync<MetricSumsRow>(new CommandDefinition(
            AnalysisSql.VariantMetricSums(metric.Aggregation),
            new { Experiment = experiment, metric.OutcomeType },
            cancellationToken: cancellationToken));
        return rows.Select(r => new VariantMetricSums(
            r.Variant, r.Users, r.Events, r.UsersWithEvents, r.Sum, r.SumOfSquares,
            r.UsersWithPriorEvents, r.PriorSum, r.PriorSumOfSquares, r.CrossSum)).ToList();
    }

    public static async IAsyncEnumerable<UserMetricValue> UserMetricValuesAsync(
        DbConnection connection, string experiment, OutcomeMetric metric, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(experiment);
        ArgumentNullException.ThrowIfNull(metric);
        var rows = connection.QueryUnbufferedAsync<UserMetricRow>(
            AnalysisSql.UserMetricValues(metric.Aggregation), new { Experiment = experiment, metric.OutcomeType });
        await foreach (var r in rows.WithCancellation(cancellationToken))
            yield return new UserMetricValue(r.UserId, r.Variant, r.Exposures, r.Events, r.Value, r.PriorEvents, r.PriorValue);
    }

    public static Task<long> CountExposuresAsync(DbConnection connection, string? experiment, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            experiment is null
                ? "SELECT COUNT(*) FROM exposures"
                : "SELECT COUNT(*) FROM exposures WHERE experiment = @Experiment",
            new { Experiment = experiment },
            cancellationToken: cancellationToken));

    public static Task<long> CountOutcomesAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM outcomes", cancellationToken: cancellationToken));

    // Dapper fills these by column name (case-insensitive); the public records are built from them.
    private sealed class ExposureCountsRow
    {
        public string Variant { get; set; } = "";
        public long Users { get; set; }
        public long Exposures { get; set; }
        public long CrossoverUsers { get; set; }
    }

    private sealed class MetricSumsRow
    {
        public string Variant { get; set; } = "";
        public long Users { get; set; }
        public long Events { get; set; }
        public long UsersWithEvents { get; set; }
        public double Sum { get; set; }
        public double SumOfSquares { get; set; }
        public long UsersWithPriorEvents { get; set; }
        public double PriorSum { get; set; }
        public double PriorSumOfSquares { get; set; }
        public double CrossSum { get; set; }
    }

    private sealed class UserMetricRow
    {
        public string UserId { get; set; } = "";
        public string Variant { get; set; } = "";
        public long Exposures { get; set; }
        public long Events { get; set; }
        public double Value { get; set; }
        public long PriorEvents { get; set; }
        public double PriorValue { get; set; }
    }
}
