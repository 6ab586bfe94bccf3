namespace Recommender.Experiments.Statistics;

/// <summary>One variant of an analysed experiment.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="IsControl">Whether the lifts are measured against this variant.</param>
/// <param name="Users">Users exposed (assigned by their first exposure): the unit of analysis.</param>
/// <param name="Exposures">Responses served with this variant; null when exposure counts were not supplied.</param>
/// <param name="CrossoverUsers">Of <paramref name="Users"/>, those later also served another variant; null when not supplied.</param>
/// <param name="Events">Outcome events of the metric's type attributed to the users after exposure.</param>
/// <param name="UsersWithEvents">Users with at least one such event.</param>
/// <param name="ConfiguredShare">The variant's configured share of traffic (0–1); null when it has none.</param>
/// <param name="ObservedShare">Users / all users; null without users.</param>
/// <param name="Metric">The metric per user, raw.</param>
/// <param name="Lift">Raw lift against the control; null for the control itself.</param>
/// <param name="CupedMetric">The CUPED-adjusted metric per user; null when CUPED was not applied (see <see cref="ExperimentAnalysis.Cuped"/>).</param>
/// <param name="CupedLift">The CUPED lift against the control; null for the control and when CUPED was not applied.</param>
public sealed record VariantResult(
    string Variant,
    bool IsControl,
    long Users,
    long? Exposures,
    long? CrossoverUsers,
    long Events,
    long UsersWithEvents,
    double? ConfiguredShare,
    double? ObservedShare,
    MeanEstimate Metric,
    LiftEstimate? Lift,
    MeanEstimate? CupedMetric,
    LiftEstimate? CupedLift);
