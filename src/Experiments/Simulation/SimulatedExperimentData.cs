using Recommender.Experiments.Analysis;

namespace Recommender.Experiments.Simulation;

/// <summary>What a simulated experiment leaves behind: exactly what the store's analysis queries would return for it.</summary>
/// <param name="MetricSums">Per variant sufficient statistics.</param>
/// <param name="ExposureCounts">Per variant users and exposures.</param>
public sealed record SimulatedExperimentData(IReadOnlyList<VariantMetricSums> MetricSums, IReadOnlyList<VariantExposureCounts> ExposureCounts);
