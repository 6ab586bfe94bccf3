using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Ensemble.Scoring;

namespace Recommender.Api.Serving;

/// <summary>
/// The info gauge <c>recommender.scoring.device</c>: 1 for every served model version, its labels saying where it
/// scores (model, version, device, requested, precision, method, micro_batching, reason). Read at each scrape from
/// the current <see cref="ModelStore"/> snapshot, so a newly published version appears without registration.
/// </summary>
public sealed class ModelScoringGauge
{
    public const string InstrumentName = "recommender.scoring.device";

    private readonly ModelStore _store;
    private readonly ScoringSettings _settings;

    public ModelScoringGauge(ScoringMetrics metrics, ModelStore store, IOptions<ScoringSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(settings);
        _store = store;
        _settings = settings.Value;
        metrics.Meter.CreateObservableGauge(InstrumentName, Observe, unit: null,
            description: "Where each served model version scores (value 1; the labels say device, precision and why).");
    }

    private IEnumerable<Measurement<int>> Observe()
    {
        if (_store.Serving is not { } serving)
            yield break;
        foreach (var (name, versions) in serving.Models)
        {
            foreach (var loaded in versions.ByVersion.Values)
            {
                var scoring = ModelScoring.Of(loaded, _settings);
                yield return new Measurement<int>(1,
                    new KeyValuePair<string, object?>("model", name),
                    new KeyValuePair<string, object?>("version", loaded.Version),
                    new KeyValuePair<string, object?>("device", scoring.Device),
                    new KeyValuePair<string, object?>("requested", scoring.Requested ?? ""),
                    new KeyValuePair<string, object?>("precision", scoring.Precision ?? ""),
                    new KeyValuePair<string, object?>("method", scoring.Method),
                    new KeyValuePair<string, object?>("micro_batching", scoring.MicroBatching ? "on" : "off"),
                    new KeyValuePair<string, object?>("reason", scoring.Reason ?? ""));
            }
        }
    }
}
