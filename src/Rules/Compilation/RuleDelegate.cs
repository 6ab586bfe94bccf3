namespace Recommender.Rules.Compilation;

/// <summary>A compiled rule expression over the four inputs.</summary>
internal delegate T RuleDelegate<out T>(RuleItem item, RuleUser user, RuleContext context, RuleCandidate candidate);
