using Recommender.Experiments.Statistics;

namespace Recommender.Api.Experiments;

/// <summary>
/// The analysis of one experiment on one metric, as GET /v1/experiments/{id}/results returns it and the report verb
/// prints it. Every number is finite or absent; an absent one comes with its reason in a notes field.
/// </summary>
/// <param name="Experiment">The experiment (feature flag) id.</param>
/// <param name="Metric">The metric's name (click, click_rate, revenue, ...).</param>
/// <param name="MetricDescription">What one user's value is.</param>
/// <param name="ConfigVersion">The experiments configuration whose split and control were used.</param>
/// <param name="ControlVariant">The variant lifts are measured against.</param>
/// <param name="ControlRule">Why that variant is the control (see <see cref="Experiments.ControlVariant"/>).</param>
/// <param name="ConfidenceLevel">The level of every interval.</param>
/// <param name="Variants">Control first, then the others by name.</param>
/// <param name="SampleRatioMismatch">Users per variant against the configured split, flagged at p &lt; 0.001.</param>
/// <param name="Cuped">Whether the CUPED estimates were computed, and with which θ.</param>
/// <param name="Notes">Caveats about the data as a whole.</param>
public sealed record ExperimentResults(
    string Experiment,
    string Metric,
    string MetricDescription,
    string ConfigVersion,
    string ControlVariant,
    string ControlRule,
    double ConfidenceLevel,
    IReadOnlyList<VariantResult> Variants,
    SampleRatioMismatchResult SampleRatioMismatch,
    CupedSummary Cuped,
    IReadOnlyList<string> Notes);
