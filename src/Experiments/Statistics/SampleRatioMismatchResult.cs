namespace Recommender.Experiments.Statistics;

/// <summary>The sample-ratio-mismatch check (see <see cref="SampleRatioMismatchTest"/>).</summary>
/// <param name="ChiSquare">Pearson's statistic; null when the test cannot run (<paramref name="Notes"/> says why).</param>
/// <param name="DegreesOfFreedom">Variants tested − 1.</param>
/// <param name="PValue">P(χ² ≥ observed) under the configured split.</param>
/// <param name="Threshold">The p-value below which the split is flagged.</param>
/// <param name="Mismatch">True when flagged (p &lt; threshold): do not trust the lifts; null when untested.</param>
/// <param name="Cells">Per tested variant: configured share, observed and expected users.</param>
/// <param name="Notes">Why the test did not run, and caveats.</param>
public sealed record SampleRatioMismatchResult(
    double? ChiSquare,
    int? DegreesOfFreedom,
    double? PValue,
    double Threshold,
    bool? Mismatch,
    IReadOnlyList<SampleRatioCell> Cells,
    IReadOnlyList<string> Notes);
