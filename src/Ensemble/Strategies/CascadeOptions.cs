using System.Text.Json;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Parameters of <see cref="CascadeStrategy"/>. Policy form:
/// <c>{ "strategy": "cascade", "order": ["als", "popularity"], "minCandidates": 10 }</c>. Without an order the
/// candidate lists are tried in the order the pipeline passes them (the policy's model order); minCandidates
/// defaults to 1 (any candidate will do).
/// </summary>
public sealed record CascadeOptions
{
    public CascadeOptions(IReadOnlyList<string>? order = null, int minCandidates = 1)
    {
        Order = order;
        MinCandidates = minCandidates;
    }

    /// <summary>Source names, most trusted first; sources not named are not used. Null: input order.</summary>
    public IReadOnlyList<string>? Order
    {
        get;
        init
        {
            if (value is not null)
            {
                if (value.Count == 0)
                    throw new StrategyParameterException(CascadeStrategy.StrategyName, "order", "must name at least one model.");
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < value.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(value[i]))
                        throw new StrategyParameterException(CascadeStrategy.StrategyName, $"order[{i}]", "must be a model name.");
                    if (!seen.Add(value[i]))
                        throw new StrategyParameterException(CascadeStrategy.StrategyName, $"order[{i}]", $"names '{value[i]}' twice.");
                }
                value = [.. value];
            }
            field = value;
        }
    }

    /// <summary>A source with fewer candidates than this is skipped as not confident enough.</summary>
    public int MinCandidates
    {
        get;
        init => field = value >= 1
            ? value
            : throw new StrategyParameterException(CascadeStrategy.StrategyName, "minCandidates", $"must be at least 1, got {value}.");
    }

    public static CascadeOptions FromJson(JsonElement policy)
    {
        var parameters = new StrategyParameters(CascadeStrategy.StrategyName, policy);
        return new CascadeOptions(parameters.Strings("order"), parameters.WholeNumber("minCandidates", 1));
    }
}
