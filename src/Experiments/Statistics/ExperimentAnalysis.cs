namespace Recommender.Experiments.Statistics;

/// <summary>
/// The results of one experiment on one metric, ready to serialise: every number is finite or null, and a null
/// comes with the reason it could not be computed.
/// </summary>
/// <param name="ControlVariant">The variant the lifts are measured against.</param>
/// <param name="ConfidenceLevel">The level of every interval (0.95).</param>
/// <param name="Variants">The control first, then the others by name.</param>
/// <param name="SampleRatioMismatch">Users per variant against the configured split.</param>
/// <param name="Cuped">Whether, and how, the CUPED estimates were computed.</param>
/// <param name="Notes">Caveats about the data as a whole.</param>
public sealed record ExperimentAnalysis(
    string ControlVariant,
    double ConfidenceLevel,
    IReadOnlyList<VariantResult> Variants,
    SampleRatioMismatchResult SampleRatioMismatch,
    CupedSummary Cuped,
    IReadOnlyList<string> Notes)
{
    /// <summary>The result of one variant, by name.</summary>
    public VariantResult this[string variant] =>
        Variants.FirstOrDefault(v => v.Variant == variant) ?? throw new KeyNotFoundException($"No variant '{variant}' in the analysis.");
}
