using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Recommender.Api.Serving;
using Recommender.Ensemble.Scoring;
using Recommender.Experiments.Exposures;

namespace Recommender.Api.Hosting;

/// <summary>Where embedding models score (Scoring:*), and what GET /metrics exports: scoring, the candidate cache, the
/// exposure log and the runtime.</summary>
internal static class ScoringServices
{
    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddOptions<ScoringSettings>().BindConfiguration(ScoringSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringSettings>, ScoringSettingsValidator>();
        services.AddSingleton(sp => new ScoringMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(ScoringMetrics.MeterName))));
        services.AddSingleton<ServingScorers>();
        services.AddSingleton<ModelScoringGauge>();
        // GET /metrics: the scoring instruments in Prometheus text format. Batch sizes and waits get buckets of their
        // own scale (queries; microseconds to tens of milliseconds) rather than the default latency buckets.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ScoringMetrics.MeterName, CandidateCache.MeterName)
            // Whether exposures reach the database or pile up in the spool: what an A/B analysis depends on.
            .AddMeter(ExposureLog.MeterName)
            // The runtime's own instruments (GC, allocation, thread pool, JIT): what an operator looks at first when
            // latency moves.
            .AddMeter("System.Runtime")
            .AddView(ScoringMetrics.BatchSizeInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] })
            .AddView(ScoringMetrics.QueueWaitInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1] })
            .AddView(ScoringMetrics.BatchDurationInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25] })
            // Scrapes see the current values: no cached answer (the exporter caches 300 ms by default).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }
}
