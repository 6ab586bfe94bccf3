using System.Text.Json;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Parameters of <see cref="WeightedBlendStrategy"/>. Policy form:
/// <c>{ "strategy": "weighted", "weights": { "als": 0.7, "ease": 0.3 }, "normalization": "minmax" | "zscore" }</c>.
/// Without weights every source weighs 1; the default normalisation is min-max.
/// </summary>
public sealed record WeightedBlendOptions
{
    public WeightedBlendOptions(IReadOnlyDictionary<string, float>? weights = null, ScoreNormalization normalization = ScoreNormalization.MinMax)
    {
        Weights = weights;
        Normalization = normalization;
    }

    public IReadOnlyDictionary<string, float>? Weights
    {
        get;
        init => field = SourceWeights.Validate(WeightedBlendStrategy.StrategyName, value);
    }

    public ScoreNormalization Normalization
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new StrategyParameterException(WeightedBlendStrategy.StrategyName, "normalization", $"must be minmax or zscore, got {value}.");
    }

    private static readonly Dictionary<string, ScoreNormalization> NormalizationNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["minmax"] = ScoreNormalization.MinMax,
        ["zscore"] = ScoreNormalization.ZScore,
    };

    public static WeightedBlendOptions FromJson(JsonElement policy)
    {
        var parameters = new StrategyParameters(WeightedBlendStrategy.StrategyName, policy);
        return new WeightedBlendOptions(
            parameters.NumbersByName("weights"),
            parameters.Choice("normalization", ScoreNormalization.MinMax, NormalizationNames));
    }
}
