using System.Text.Json;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Parameters of <see cref="ReciprocalRankFusionStrategy"/>. Policy form:
/// <c>{ "strategy": "rrf", "k": 60, "weights": { "als": 1, "ease": 1 } }</c>; k defaults to 60 (Cormack et al. 2009),
/// weights to 1 for every source.
/// </summary>
public sealed record ReciprocalRankFusionOptions
{
    public const double DefaultK = 60;

    public ReciprocalRankFusionOptions(double k = DefaultK, IReadOnlyDictionary<string, float>? weights = null)
    {
        K = k;
        Weights = weights;
    }

    /// <summary>The rank offset: larger values flatten the difference between top and lower ranks.</summary>
    public double K
    {
        get;
        init => field = double.IsFinite(value) && value >= 0
            ? value
            : throw new StrategyParameterException(ReciprocalRankFusionStrategy.StrategyName, "k", $"must be a finite number ≥ 0, got {value}.");
    }

    public IReadOnlyDictionary<string, float>? Weights
    {
        get;
        init => field = SourceWeights.Validate(ReciprocalRankFusionStrategy.StrategyName, value);
    }

    public static ReciprocalRankFusionOptions FromJson(JsonElement policy)
    {
        var parameters = new StrategyParameters(ReciprocalRankFusionStrategy.StrategyName, policy);
        return new ReciprocalRankFusionOptions(parameters.Number("k", DefaultK), parameters.NumbersByName("weights"));
    }
}
