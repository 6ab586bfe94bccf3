namespace Recommender.Experiments.Statistics;

/// <summary>One variant in the sample-ratio-mismatch test.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="ConfiguredShare">Its share of traffic (0–1).</param>
/// <param name="Observed">Users assigned to it.</param>
/// <param name="Expected">Total users × share.</param>
public sealed record SampleRatioCell(string Variant, double ConfiguredShare, long Observed, double Expected);
