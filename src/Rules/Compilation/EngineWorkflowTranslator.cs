using Recommender.Rules.Definitions;
using RulesEngine.Models;

namespace Recommender.Rules.Compilation;

/// <summary>
/// Translates our workflow format into a RulesEngine <see cref="Workflow"/>: a filter becomes a rule whose
/// expression is its condition; a boost or bury becomes a rule with an OnSuccess <c>OutputExpression</c> action
/// that yields the factor. The rule's kind travels in <see cref="Rule.Properties"/>. Diversity caps are not
/// per-input rules and stay out.
/// </summary>
internal static class EngineWorkflowTranslator
{
    public const string KindProperty = "kind";

    public static Workflow Translate(WorkflowDefinition definition) => new()
    {
        WorkflowName = definition.Name,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        Rules = definition.Rules.Select(Translate).OfType<Rule>().ToList(),
    };

    private static Rule? Translate(RuleDefinition rule) => rule switch
    {
        FilterRuleDefinition filter => new Rule
        {
            RuleName = filter.Name,
            Enabled = filter.Enabled,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
            Expression = filter.When,
            Properties = new() { [KindProperty] = "filter" },
        },
        ScoreRuleDefinition score => new Rule
        {
            RuleName = score.Name,
            Enabled = score.Enabled,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
            Expression = score.When,
            Properties = new() { [KindProperty] = score.Kind == RuleKind.Boost ? "boost" : "bury" },
            Actions = new RuleActions
            {
                OnSuccess = new ActionInfo
                {
                    Name = "OutputExpression",
                    Context = new() { ["Expression"] = score.Factor },
                },
            },
        },
        _ => null,
    };
}
