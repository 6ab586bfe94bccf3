using RulesEngine.Exceptions;
using Recommender.Rules.Definitions;
using Recommender.Rules.Execution;

namespace Recommender.Rules.Compilation;

/// <summary>
/// Turns a workflow file's bytes into a <see cref="CompiledWorkflow"/>, or refuses it with the rule at fault and why:
/// structure (<see cref="WorkflowFileParser"/>), RulesEngine's own workflow validation of the translated workflow,
/// then every expression, enabled or not, through <see cref="RuleExpressionCompiler"/> (parse, allow-list, compile).
/// Not thread-safe: the host compiles under its reload lock.
/// </summary>
internal sealed class WorkflowCompiler
{
    private readonly RuleExpressionCompiler _expressions = new();
    private readonly RulesEngine.RulesEngine _engine = new(RuleSettings.Create());

    /// <exception cref="WorkflowRefusedException">The file must not be served.</exception>
    public CompiledWorkflow Compile(ReadOnlySpan<byte> json, string file, string name, string version, DateTimeOffset loadedAt)
    {
        var definition = WorkflowFileParser.Parse(json, name);
        var engineWorkflow = EngineWorkflowTranslator.Translate(definition);
        // RulesEngine refuses a workflow without rules; ours may have none (or only diversity caps) on purpose.
        if (engineWorkflow.Rules.Any())
            ValidateWithRulesEngine(engineWorkflow);

        var filters = new List<CompiledFilter>();
        var scoreRules = new List<CompiledScoreRule>();
        var diversityRules = new List<CompiledDiversityRule>();
        for (var bit = 0; bit < definition.Rules.Count; bit++)
        {
            switch (definition.Rules[bit])
            {
                case FilterRuleDefinition filter:
                    var when = _expressions.Compile<bool>(filter.Name, "when", filter.When).Evaluate;
                    if (filter.Enabled)
                        filters.Add(new CompiledFilter(filter.Name, bit, when, filter.DropOnError));
                    break;
                case ScoreRuleDefinition score:
                    var compiled = CompileScoreRule(score, bit);
                    if (score.Enabled)
                        scoreRules.Add(compiled);
                    break;
                case DiversityRuleDefinition diversity:
                    var key = diversity.ByExpression is null ? null : _expressions.Compile<string>(diversity.Name, "byExpression", diversity.ByExpression).Evaluate;
                    if (diversity.Enabled)
                        diversityRules.Add(new CompiledDiversityRule(diversity.Name, bit, diversity.Max, diversity.Backfill, diversity.By, key));
                    break;
            }
        }
        return new CompiledWorkflow(definition, file, version, loadedAt, [.. filters], [.. scoreRules], [.. diversityRules], engineWorkflow);
    }

    private CompiledScoreRule CompileScoreRule(ScoreRuleDefinition score, int bit)
    {
        var when = _expressions.Compile<bool>(score.Name, "when", score.When);
        var factor = _expressions.Compile<double>(score.Name, "factor", score.Factor);
        var rule = new CompiledScoreRule(score.Name, bit, score.Kind, when.Evaluate, factor.Evaluate, null);
        if (factor.IsConstant)
        {
            // A literal factor on the wrong side of 1 is a mistake we can see now rather than on every request.
            if (!rule.IsValidFactor(factor.ConstantValue!))
            {
                throw new WorkflowRefusedException(score.Name, score.Kind == RuleKind.Boost
                    ? $"a boost factor must be at least 1 (use a bury rule to lower scores), not {score.Factor}"
                    : $"a bury factor must be greater than 0 and at most 1 (use a boost rule to raise scores), not {score.Factor}");
            }
            rule = rule with { ConstantFactor = factor.ConstantValue };
        }
        return rule;
    }

    private void ValidateWithRulesEngine(RulesEngine.Models.Workflow workflow)
    {
        try
        {
            _engine.AddOrUpdateWorkflow(workflow);
        }
        catch (RuleValidationException ex)
        {
            throw new WorkflowRefusedException(null, $"RulesEngine refuses the workflow: {ex.Message}", ex);
        }
        finally
        {
            // The engine only validates here; keeping nothing registered keeps it stateless between files.
            _engine.RemoveWorkflow(workflow.WorkflowName);
        }
    }
}
