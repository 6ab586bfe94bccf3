namespace Recommender.Rules;

/// <summary>An exception a rule expression threw on a candidate (the candidate was then treated as the rule's
/// error policy says: a filter drops it unless "onError" is "keep", a boost or bury leaves the score alone, a
/// diversity key leaves the item unconstrained).</summary>
public sealed record RuleRuntimeError(string Rule, string ItemId, string Message);
