namespace Recommender.Rules;

/// <summary>
/// One entry of the ranked list the rules re-rank: the item, its combined score and, optionally, the score each
/// source model gave it. The list's order is its rank (first = best); scores should not increase along it.
/// </summary>
public readonly record struct RankedCandidate(
    RuleItem Item,
    double Score,
    IReadOnlyDictionary<string, double>? SourceScores = null);
