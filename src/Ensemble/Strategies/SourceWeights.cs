namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Per-source weights of a blend or a fusion. Without a weight map every source weighs 1; with one, a source the
/// map does not name weighs 0 (it is listed in the candidates' evidence but does not score), so a policy can add a
/// model for the record or for a cascade without it changing the blend.
/// </summary>
public static class SourceWeights
{
    /// <summary>Throws naming "weights.&lt;source&gt;" unless every weight is finite and ≥ 0 and one is positive.</summary>
    public static IReadOnlyDictionary<string, float>? Validate(string strategy, IReadOnlyDictionary<string, float>? weights)
    {
        if (weights is null)
            return null;
        foreach (var (source, weight) in weights)
        {
            if (!float.IsFinite(weight) || weight < 0)
                throw new StrategyParameterException(strategy, $"weights.{source}", $"must be a finite number ≥ 0, got {weight}.");
        }
        if (!weights.Values.Any(w => w > 0))
            throw new StrategyParameterException(strategy, "weights", "needs at least one positive weight.");
        return new Dictionary<string, float>(weights, StringComparer.Ordinal);
    }

    /// <summary>The weight of <paramref name="source"/>: 1 without a map, else the map's value or 0.</summary>
    public static float Of(IReadOnlyDictionary<string, float>? weights, string source) =>
        weights is null ? 1f : weights.GetValueOrDefault(source, 0f);
}
