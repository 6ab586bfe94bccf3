namespace Recommender.Rules.Compilation;

/// <summary>A vetted, compiled expression; when it is a literal, its value too (so callers can check it at load
/// and skip the call at run time).</summary>
internal readonly record struct CompiledExpression<T>(RuleDelegate<T> Evaluate, bool IsConstant, T? ConstantValue);
