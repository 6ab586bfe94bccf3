using System.Linq.Expressions;
using Recommender.Rules.Definitions;
using RulesEngine.ExpressionBuilders;

namespace Recommender.Rules.Compilation;

/// <summary>
/// Turns one expression string into a delegate: RulesEngine's parser (the same parser and settings RulesEngine
/// compiles its rules with) builds the tree, <see cref="ExpressionAllowList"/> vets it, and exactly that vetted tree
/// is compiled, as a strongly typed delegate so that evaluating a candidate allocates nothing.
/// Not thread-safe: one compilation at a time (the host compiles under its reload lock).
/// </summary>
internal sealed class RuleExpressionCompiler
{
    private readonly RuleExpressionParser _parser = new(RuleSettings.Create());
    private readonly ExpressionAllowList _allowList = new(RuleSettings.InputTypes);
    private readonly ParameterExpression[] _parameters =
    [
        Expression.Parameter(typeof(RuleItem), RuleSettings.ItemParameter),
        Expression.Parameter(typeof(RuleUser), RuleSettings.UserParameter),
        Expression.Parameter(typeof(RuleContext), RuleSettings.ContextParameter),
        Expression.Parameter(typeof(RuleCandidate), RuleSettings.CandidateParameter),
    ];

    /// <summary>Compiles <paramref name="expression"/> to a <typeparamref name="T"/>-valued delegate.</summary>
    /// <param name="rule">The rule's name, for the refusal.</param>
    /// <param name="field">Which field of the rule holds the expression ("when", "factor"...), for the refusal.</param>
    /// <exception cref="WorkflowRefusedException">It does not parse, has the wrong type, or leaves the allow-list.</exception>
    public CompiledExpression<T> Compile<T>(string rule, string field, string expression)
    {
        var body = Parse(rule, field, expression, typeof(T));
        if (_allowList.FindViolation(body) is { } violation)
            throw new WorkflowRefusedException(rule, $"\"{field}\" uses {violation}");
        try
        {
            var evaluate = Expression.Lambda<RuleDelegate<T>>(body, _parameters).Compile();
            return body is ConstantExpression { Value: T value } ? new(evaluate, true, value) : new(evaluate, false, default);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new WorkflowRefusedException(rule, $"\"{field}\" does not compile: {ex.Message}", ex);
        }
    }

    private Expression Parse(string rule, string field, string expression, Type resultType)
    {
        Expression body;
        try
        {
            body = _parser.Parse(expression, _parameters, resultType);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parser reports unknown identifiers, inaccessible methods, type mismatches and syntax errors through
            // several exception types (ParseException, InvalidOperationException, ArgumentException...).
            throw new WorkflowRefusedException(rule, $"\"{field}\" does not compile: {ex.Message}", ex);
        }
        if (body.Type != resultType)
            throw new WorkflowRefusedException(rule, $"\"{field}\" must be of type {resultType.Name} but is {body.Type.Name}");
        return body;
    }
}
