namespace Recommender.Rules;

/// <summary>A rule of an active workflow, as status reports show it.</summary>
/// <param name="When">The condition (filter, boost, bury).</param>
/// <param name="Factor">The factor expression (boost, bury).</param>
/// <param name="By">The attribute or key expression a diversity rule groups by.</param>
/// <param name="Max">A diversity rule's cap per value.</param>
/// <param name="RuntimeErrors">How many evaluations of this rule threw since the workflow was loaded.</param>
public sealed record ActiveRule(
    string Name,
    RuleKind Kind,
    bool Enabled,
    string? Description,
    string? When,
    string? Factor,
    string? By,
    int? Max,
    long RuntimeErrors);
