namespace Recommender.Rules.Definitions;

/// <summary>A workflow file after structural validation: its name and its rules in file order.</summary>
internal sealed record WorkflowDefinition(string Name, string? Description, IReadOnlyList<RuleDefinition> Rules);
