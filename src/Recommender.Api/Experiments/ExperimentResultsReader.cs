using Recommender.Experiments.Analysis;
using Recommender.Experiments.Statistics;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Experiments;

/// <summary>
/// One experiment's results: the store aggregates exposures and outcomes per variant in SQL, the analyzer turns
/// the sums into estimates, lifts and checks against the configured split and control. Shared by the results
/// endpoint and the report verb so that both say the same.
/// </summary>
public sealed class ExperimentResultsReader(IExperimentResultsStore store, ExperimentAnalyzer analyzer)
{
    public ExperimentResultsReader(IExperimentResultsStore store) : this(store, new ExperimentAnalyzer())
    {
    }

    /// <param name="control">The control variant and the rule that chose it (<see cref="ControlVariant.Choose"/>).</param>
    public async Task<ExperimentResults> ReadAsync(
        ExperimentDefinition experiment, string configVersion, ExperimentMetric metric, (string Variant, string Rule) control,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(metric);
        var counts = await store.GetVariantExposureCountsAsync(experiment.Id, cancellationToken);
        var sums = await store.GetVariantMetricSumsAsync(experiment.Id, metric.Metric, cancellationToken);
        var analysis = analyzer.Analyze(control.Variant, ConfiguredShares.Of(experiment), sums, counts);
        var notes = analysis.Notes.ToList();
        if (counts.Count == 0)
            notes.Insert(0, "no exposures are stored for this experiment yet");
        return new ExperimentResults(
            experiment.Id, metric.Name, metric.Description, configVersion, control.Variant, control.Rule,
            analysis.ConfidenceLevel, analysis.Variants, analysis.SampleRatioMismatch, analysis.Cuped, notes);
    }
}
