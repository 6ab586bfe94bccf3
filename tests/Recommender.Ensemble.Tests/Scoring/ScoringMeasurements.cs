using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Tests.Scoring;

/// <summary>
/// A private meter with the scoring instruments, and what they recorded: tests see the batches a
/// <see cref="MicroBatchingScorer"/> formed through the same instruments the service exports.
/// </summary>
internal sealed class ScoringMeasurements : IDisposable
{
    private readonly Meter _meter = new("test-scoring-" + Guid.NewGuid().ToString("N"));
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<int> _batchSizes = new();
    private readonly ConcurrentQueue<double> _queueWaits = new();

    public ScoringMeasurements()
    {
        Metrics = new ScoringMetrics(_meter);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _meter)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == ScoringMetrics.BatchSizeInstrument)
                _batchSizes.Enqueue(value);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == ScoringMetrics.QueueWaitInstrument)
                _queueWaits.Enqueue(value);
        });
        _listener.Start();
    }

    public ScoringMetrics Metrics { get; }

    /// <summary>The size of every batched scoring call, in order.</summary>
    public int[] BatchSizes => [.. _batchSizes];

    public double[] QueueWaits => [.. _queueWaits];

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }
}
