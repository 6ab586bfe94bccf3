using Recommender.Rules.Compilation;

namespace Recommender.Rules.Execution;

/// <summary>A boost or bury rule ready to run.</summary>
/// <param name="Bit">The rule's position in its workflow file, which is its bit in a fired-rules mask.</param>
/// <param name="ConstantFactor">The factor when it is a literal, so that no delegate call is needed for it.</param>
internal sealed record CompiledScoreRule(
    string Name, int Bit, RuleKind Kind, RuleDelegate<bool> When, RuleDelegate<double> Factor, double? ConstantFactor)
{
    /// <summary>Whether <paramref name="factor"/> is one this rule may apply: finite, positive, and on the
    /// rule's side of 1 (a boost never lowers a score, a bury never raises it).</summary>
    public bool IsValidFactor(double factor) =>
        double.IsFinite(factor) && factor > 0 && (Kind == RuleKind.Boost ? factor >= 1 : factor <= 1);

    /// <summary>Scales <paramref name="score"/> so that a boost moves the item up and a bury moves it down whatever
    /// the score's sign: z-score normalised blends produce negative scores, which multiplying would move the wrong way.</summary>
    public static double Scale(double score, double factor) => score >= 0 ? score * factor : score / factor;
}
