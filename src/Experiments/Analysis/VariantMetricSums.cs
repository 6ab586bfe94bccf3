namespace Recommender.Experiments.Analysis;

/// <summary>
/// Sufficient statistics of a per-user metric in one variant, computed in SQL: with them the mean, variance,
/// Welch's t-test and CUPED (which needs the pre-exposure covariate's moments and the cross product) follow
/// without reading per-user rows. x is the user's metric after their first exposure, y the same metric over
/// their outcomes before it.
/// </summary>
/// <param name="Variant">The variant.</param>
/// <param name="Users">Users assigned to the variant (n), including those with no outcome (x = 0).</param>
/// <param name="Events">Outcome events attributed to those users after exposure.</param>
/// <param name="UsersWithEvents">Users with at least one such event.</param>
/// <param name="Sum">Σx.</param>
/// <param name="SumOfSquares">Σx².</param>
/// <param name="UsersWithPriorEvents">Users with at least one event before their first exposure.</param>
/// <param name="PriorSum">Σy.</param>
/// <param name="PriorSumOfSquares">Σy².</param>
/// <param name="CrossSum">Σxy.</param>
public sealed record VariantMetricSums(
    string Variant,
    long Users,
    long Events,
    long UsersWithEvents,
    double Sum,
    double SumOfSquares,
    long UsersWithPriorEvents,
    double PriorSum,
    double PriorSumOfSquares,
    double CrossSum);
