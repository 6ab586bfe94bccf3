namespace Recommender.Experiments.Statistics;

/// <summary>Whether CUPED was applied, with what θ, and why not when it was not (see <see cref="CupedAdjustment"/>).</summary>
/// <param name="Applied">The variants carry CUPED estimates next to the raw ones.</param>
/// <param name="Theta">The pooled regression slope of the metric on its pre-experiment value.</param>
/// <param name="CovariateMean">The pre-experiment mean over all users.</param>
/// <param name="Correlation">The pooled within-variant correlation of metric and covariate.</param>
/// <param name="VarianceReduction">ρ², the share of the metric's variance removed.</param>
/// <param name="UsersWithPriorEvents">Users with at least one outcome of the metric's type before their first exposure.</param>
/// <param name="Reason">Why CUPED was not applied, or why a value is null.</param>
public sealed record CupedSummary(
    bool Applied,
    double? Theta,
    double? CovariateMean,
    double? Correlation,
    double? VarianceReduction,
    long UsersWithPriorEvents,
    string? Reason)
{
    internal static CupedSummary From(CupedAdjustment? adjustment, long usersWithPriorEvents, string? unavailableReason) =>
        adjustment is null
            ? new CupedSummary(false, null, null, null, null, usersWithPriorEvents, unavailableReason)
            : new CupedSummary(
                true, adjustment.Theta, adjustment.CovariateMean, adjustment.Correlation, adjustment.VarianceReduction,
                usersWithPriorEvents,
                adjustment.Correlation is null ? "the metric does not vary within variants: no correlation" : null);
}
