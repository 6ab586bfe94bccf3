using System.Diagnostics.Metrics;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// The micro-batching instruments, on a <see cref="Meter"/> the host owns (the service's comes from its
/// <c>IMeterFactory</c> and is exported at <c>GET /metrics</c>; tests create their own and listen to it).
/// Every measurement carries the <c>model</c> tag of the scorer that made it.
/// </summary>
public sealed class ScoringMetrics
{
    /// <summary>The meter name the service exports.</summary>
    public const string MeterName = "Recommender.Scoring";

    public const string BatchSizeInstrument = "recommender.scoring.batch.size";
    public const string QueueWaitInstrument = "recommender.scoring.queue.wait";
    public const string BatchDurationInstrument = "recommender.scoring.batch.duration";

    public ScoringMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Meter = meter;
        BatchSize = meter.CreateHistogram<int>(BatchSizeInstrument, "{query}",
            "Queries scored by one batched scoring call (micro-batching).");
        QueueWait = meter.CreateHistogram<double>(QueueWaitInstrument, "s",
            "Time a query waited in the micro-batching queue before its batch was scored.");
        BatchDuration = meter.CreateHistogram<double>(BatchDurationInstrument, "s",
            "Wall time of one batched scoring call (micro-batching).");
    }

    public Meter Meter { get; }

    public Histogram<int> BatchSize { get; }

    public Histogram<double> QueueWait { get; }

    public Histogram<double> BatchDuration { get; }
}
