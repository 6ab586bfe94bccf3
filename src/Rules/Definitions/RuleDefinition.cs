namespace Recommender.Rules.Definitions;

/// <summary>A validated rule of a workflow file, before its expressions are compiled.</summary>
internal abstract record RuleDefinition(string Name, RuleKind Kind, string? Description, bool Enabled);

/// <summary>Drops the candidate when <see cref="When"/> holds; <see cref="DropOnError"/> decides what an expression
/// that throws for a candidate means (fail closed by default: a filter that cannot decide lets nothing through).</summary>
internal sealed record FilterRuleDefinition(string Name, string? Description, bool Enabled, string When, bool DropOnError)
    : RuleDefinition(Name, RuleKind.Filter, Description, Enabled);

/// <summary>Boost or bury: multiplies the score by <see cref="Factor"/> (an expression) when <see cref="When"/> holds.</summary>
internal sealed record ScoreRuleDefinition(string Name, RuleKind Kind, string? Description, bool Enabled, string When, string Factor)
    : RuleDefinition(Name, Kind, Description, Enabled);

/// <summary>At most <see cref="Max"/> items per value of an attribute in the top k. The attribute is one of the
/// item's built-in lists (<see cref="By"/>) or the text an expression computes (<see cref="ByExpression"/>).</summary>
internal sealed record DiversityRuleDefinition(
    string Name, string? Description, bool Enabled, DiversityAttribute? By, string? ByExpression, int Max, bool Backfill)
    : RuleDefinition(Name, RuleKind.Diversity, Description, Enabled);

/// <summary>The item attributes a diversity rule can group by without an expression.</summary>
internal enum DiversityAttribute
{
    Categories,
    Tags,
    Regions,
    AgeRating,
}
