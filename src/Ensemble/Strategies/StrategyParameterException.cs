namespace Recommender.Ensemble.Strategies;

/// <summary>
/// A strategy parameter in a variant policy is missing, of the wrong type or out of range. <see cref="Parameter"/>
/// is its path in the policy (e.g. "weights.als"); the message names the strategy, the parameter and what is expected.
/// </summary>
public sealed class StrategyParameterException : ArgumentException
{
    public StrategyParameterException(string strategy, string parameter, string reason)
        : base($"Strategy '{strategy}': parameter '{parameter}' {reason}", parameter)
    {
        Strategy = strategy;
        Parameter = parameter;
        Reason = reason;
    }

    public StrategyParameterException() { Strategy = ""; Parameter = ""; Reason = ""; }
    public StrategyParameterException(string message) : base(message) { Strategy = ""; Parameter = ""; Reason = message; }
    public StrategyParameterException(string message, Exception inner) : base(message, inner) { Strategy = ""; Parameter = ""; Reason = message; }

    public string Strategy { get; }

    /// <summary>Path of the offending parameter, e.g. "normalization" or "weights.als".</summary>
    public string Parameter { get; }

    public string Reason { get; }
}
