using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Storage;

/// <summary>
/// The aggregations experiment analysis needs, computed by the database. A user belongs to the variant of their
/// first exposure in the experiment. An outcome counts for the experiment when its request id names one of the
/// experiment's exposures, or, when it has no request id or one that names no stored exposure, when its user was
/// exposed at or before the outcome's time. Outcomes of an exposed user before their first exposure are the
/// pre-experiment covariate.
/// </summary>
public interface IExperimentResultsStore
{
    /// <summary>Per variant (ordered by name): users assigned, exposures served, crossover users.</summary>
    Task<IReadOnlyList<VariantExposureCounts>> GetVariantExposureCountsAsync(string experiment, CancellationToken cancellationToken = default);

    /// <summary>Per variant (ordered by name): the metric's sufficient statistics over the variant's users.</summary>
    Task<IReadOnlyList<VariantMetricSums>> GetVariantMetricSumsAsync(string experiment, OutcomeMetric metric, CancellationToken cancellationToken = default);

    /// <summary>Every exposed user's metric value, streamed (ordered by variant, then user).</summary>
    IAsyncEnumerable<UserMetricValue> ReadUserMetricValuesAsync(string experiment, OutcomeMetric metric, CancellationToken cancellationToken = default);
}
