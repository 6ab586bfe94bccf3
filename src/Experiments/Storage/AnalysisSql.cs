using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Storage;

/// <summary>
/// The analysis queries, one text for both dialects: only standard SQL (CTEs, window functions, CAST) that
/// SQLite and PostgreSQL read alike. Timestamps compare correctly in both encodings (INTEGER µs and timestamptz).
/// Parameters: @Experiment, @OutcomeType. The attribution rules are documented on <see cref="IExperimentResultsStore"/>.
/// </summary>
internal static class AnalysisSql
{
    public const string VariantExposureCounts = """
        WITH ranked AS (
            SELECT user_id, variant,
                   ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY exposed_at, request_id) AS exposure_rank
            FROM exposures
            WHERE experiment = @Experiment
        ),
        variants_per_user AS (
            SELECT user_id, COUNT(DISTINCT variant) AS variants
            FROM exposures
            WHERE experiment = @Experiment
            GROUP BY user_id
        ),
        assigned AS (
            SELECT r.variant,
                   COUNT(*) AS users,
                   SUM(CASE WHEN v.variants > 1 THEN 1 ELSE 0 END) AS crossover
            FROM ranked r
            JOIN variants_per_user v ON v.user_id = r.user_id
            WHERE r.exposure_rank = 1
            GROUP BY r.variant
        ),
        served AS (
            SELECT variant, COUNT(*) AS exposures
            FROM exposures
            WHERE experiment = @Experiment
            GROUP BY variant
        )
        SELECT s.variant AS Variant,
               CAST(COALESCE(a.users, 0) AS BIGINT) AS Users,
               CAST(s.exposures AS BIGINT) AS Exposures,
               CAST(COALESCE(a.crossover, 0) AS BIGINT) AS CrossoverUsers
        FROM served s
        LEFT JOIN assigned a ON a.variant = s.variant
        ORDER BY s.variant
        """;

    public static string VariantMetricSums(MetricAggregation aggregation) => PerUser(aggregation) + """
        SELECT variant AS Variant,
               CAST(COUNT(*) AS BIGINT) AS Users,
               CAST(SUM(events) AS BIGINT) AS Events,
               CAST(SUM(CASE WHEN events > 0 THEN 1 ELSE 0 END) AS BIGINT) AS UsersWithEvents,
               CAST(SUM(x) AS DOUBLE PRECISION) AS Sum,
               CAST(SUM(x * x) AS DOUBLE PRECISION) AS SumOfSquares,
               CAST(SUM(CASE WHEN prior_events > 0 THEN 1 ELSE 0 END) AS BIGINT) AS UsersWithPriorEvents,
               CAST(SUM(y) AS DOUBLE PRECISION) AS PriorSum,
               CAST(SUM(y * y) AS DOUBLE PRECISION) AS PriorSumOfSquares,
               CAST(SUM(x * y) AS DOUBLE PRECISION) AS CrossSum
        FROM measured
        GROUP BY variant
        ORDER BY variant
        """;

    public static string UserMetricValues(MetricAggregation aggregation) => PerUser(aggregation) + """
        SELECT user_id AS UserId,
               variant AS Variant,
               CAST(exposures AS BIGINT) AS Exposures,
               CAST(events AS BIGINT) AS Events,
               CAST(x AS DOUBLE PRECISION) AS Value,
               CAST(prior_events AS BIGINT) AS PriorEvents,
               CAST(y AS DOUBLE PRECISION) AS PriorValue
        FROM measured
        ORDER BY variant, user_id
        """;

    // One row per exposed user: x (after the first exposure) and y (before it), both as the metric aggregates.
    private static string PerUser(MetricAggregation aggregation) => $"""
        WITH ranked AS (
            SELECT user_id, variant, exposed_at,
                   ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY exposed_at, request_id) AS exposure_rank,
                   COUNT(*) OVER (PARTITION BY user_id) AS exposures
            FROM exposures
            WHERE experiment = @Experiment
        ),
        assignment AS (
            SELECT user_id, variant, exposed_at AS first_exposed_at, exposures
            FROM ranked
            WHERE exposure_rank = 1
        ),
        attributed AS (
            -- linked through the request id to one of the experiment's exposures: counts for that exposure's user
            SELECT e.user_id, o.value
            FROM outcomes o
            JOIN exposures e ON e.request_id = o.request_id
            WHERE e.experiment = @Experiment AND o.type = @OutcomeType
            UNION ALL
            -- no request id, or one naming no stored exposure: counts for the user from their first exposure on
            SELECT a.user_id, o.value
            FROM outcomes o
            JOIN assignment a ON a.user_id = o.user_id
            WHERE o.type = @OutcomeType
              AND o.occurred_at >= a.first_exposed_at
              AND (o.request_id IS NULL
                   OR NOT EXISTS (SELECT 1 FROM exposures known WHERE known.request_id = o.request_id))
        ),
        before_exposure AS (
            SELECT a.user_id, o.value
            FROM outcomes o
            JOIN assignment a ON a.user_id = o.user_id
            WHERE o.type = @OutcomeType AND o.occurred_at < a.first_exposed_at
        ),
        per_user AS (
            SELECT a.user_id, a.variant, a.exposures,
                   COALESCE(post.events, 0) AS events,
                   COALESCE(post.value_sum, 0) AS value_sum,
                   COALESCE(pre.events, 0) AS prior_events,
                   COALESCE(pre.value_sum, 0) AS prior_value_sum
            FROM assignment a
            LEFT JOIN (SELECT user_id, COUNT(*) AS events, SUM(COALESCE(value, 0)) AS value_sum
                       FROM attributed GROUP BY user_id) post ON post.user_id = a.user_id
            LEFT JOIN (SELECT user_id, COUNT(*) AS events, SUM(COALESCE(value, 0)) AS value_sum
                       FROM before_exposure GROUP BY user_id) pre ON pre.user_id = a.user_id
        ),
        measured AS (
            SELECT user_id, variant, exposures, events, prior_events,
                   {Measure(aggregation, "events", "value_sum")} AS x,
                   {Measure(aggregation, "prior_events", "prior_value_sum")} AS y
            FROM per_user
        )

        """;

    private static string Measure(MetricAggregation aggregation, string events, string valueSum) => aggregation switch
    {
        MetricAggregation.EventCount => $"CAST({events} AS DOUBLE PRECISION)",
        MetricAggregation.ValueSum => $"CAST({valueSum} AS DOUBLE PRECISION)",
        MetricAggregation.Conversion => $"CAST(CASE WHEN {events} > 0 THEN 1 ELSE 0 END AS DOUBLE PRECISION)",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
    };
}
