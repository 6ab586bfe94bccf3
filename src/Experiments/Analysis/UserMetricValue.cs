namespace Recommender.Experiments.Analysis;

/// <summary>One exposed user's metric in an experiment (for analyses that need per-user values, e.g. a bootstrap).</summary>
/// <param name="UserId">The user.</param>
/// <param name="Variant">The variant of the user's first exposure.</param>
/// <param name="Exposures">The user's exposures in the experiment, all variants.</param>
/// <param name="Events">Outcome events attributed to the user after the first exposure.</param>
/// <param name="Value">The metric over those events.</param>
/// <param name="PriorEvents">The user's events of the metric's type before the first exposure.</param>
/// <param name="PriorValue">The metric over those (the CUPED covariate).</param>
public sealed record UserMetricValue(
    string UserId,
    string Variant,
    long Exposures,
    long Events,
    double Value,
    long PriorEvents,
    double PriorValue);
