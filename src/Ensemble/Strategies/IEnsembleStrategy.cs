namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Combines several models' candidate lists for one user into one ranking. Implementations are immutable once
/// built (their parameters come from the variant policy through <see cref="StrategyCatalog"/>) and safe to call
/// from many threads.
/// </summary>
public interface IEnsembleStrategy
{
    /// <summary>The catalog name, e.g. "weighted".</summary>
    string Name { get; }

    /// <summary>
    /// Whether <see cref="Combine"/> reads <see cref="StrategyContext.Features"/>. Building item features costs a pass
    /// over the data, so callers supply them only to strategies that say they use them.
    /// </summary>
    bool UsesItemFeatures => false;

    /// <summary>
    /// At most <paramref name="k"/> distinct items, best first, each with its combined score and what every source
    /// in <paramref name="sources"/> said about it.
    /// </summary>
    IReadOnlyList<EnsembleCandidate> Combine(IReadOnlyList<CandidateList> sources, int k, StrategyContext context);
}
