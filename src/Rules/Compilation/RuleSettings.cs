using RulesEngine.Models;

namespace Recommender.Rules.Compilation;

/// <summary>The RulesEngine settings every rule expression is parsed with, here and in RulesEngine itself.</summary>
internal static class RuleSettings
{
    public const string ItemParameter = "item";
    public const string UserParameter = "user";
    public const string ContextParameter = "context";
    public const string CandidateParameter = "candidate";

    /// <summary>The types of the four expression parameters, in parameter order.</summary>
    public static IReadOnlyList<Type> InputTypes { get; } = [typeof(RuleItem), typeof(RuleUser), typeof(RuleContext), typeof(RuleCandidate)];

    /// <summary>A fresh settings object (ReSettings is mutable, so none is shared).</summary>
    public static ReSettings Create() => new()
    {
        // Methods of a type are callable in expressions only when the type is registered.
        CustomTypes = [.. InputTypes],
        AutoRegisterInputType = false,
        // A parse error must throw, not silently turn into a constant or a failed rule result.
        EnableExceptionAsErrorMessageForRuleExpressionParsing = true,
        EnableExceptionAsErrorMessage = false,
        IgnoreException = false,
        IsExpressionCaseSensitive = false,
        // Our workflows use neither global nor local params: the expressions are all there is to vet.
        EnableScopedParams = false,
    };
}
