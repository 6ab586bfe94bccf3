namespace Recommender.Rules;

/// <summary>One item of the re-ranked top list.</summary>
/// <param name="Item">The catalog item.</param>
/// <param name="Score">The score after boosts and buries; the list is ordered by it.</param>
/// <param name="OriginalScore">The score the candidate came in with.</param>
/// <param name="OriginalRank">1-based position in the incoming ranked list.</param>
/// <param name="SourceScores">The per-source scores the candidate came in with, if any.</param>
/// <param name="FiredRules">The rules that fired on this item, in workflow file order: boosts and buries that
/// changed its score, and diversity rules that held it back before it was backfilled.</param>
public sealed record RerankedItem(
    RuleItem Item,
    double Score,
    double OriginalScore,
    int OriginalRank,
    IReadOnlyDictionary<string, double>? SourceScores,
    IReadOnlyList<string> FiredRules);
