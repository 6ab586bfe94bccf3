namespace Recommender.Experiments.Statistics;

/// <summary>The levels the analysis works at. Validated as set.</summary>
public sealed record ExperimentAnalyzerOptions
{
    /// <summary>Level of every confidence interval; a lift is significant when p &lt; 1 − this.</summary>
    public double ConfidenceLevel { get; init => field = StrictlyBetweenZeroAndOne(value); } = 0.95;

    /// <summary>A sample-ratio-mismatch p-value below this flags the experiment.</summary>
    public double SampleRatioMismatchThreshold { get; init => field = StrictlyBetweenZeroAndOne(value); } = 0.001;

    private static double StrictlyBetweenZeroAndOne(double value) =>
        value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The value must lie strictly between 0 and 1.");
}
