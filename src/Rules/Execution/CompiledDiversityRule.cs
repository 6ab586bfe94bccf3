using Recommender.Rules.Compilation;
using Recommender.Rules.Definitions;

namespace Recommender.Rules.Execution;

/// <summary>A diversity cap ready to run: at most <see cref="Max"/> items per attribute value in the top k.</summary>
/// <param name="Bit">The rule's position in its workflow file, which is its bit in a fired-rules mask.</param>
/// <param name="By">The built-in attribute grouped by, or null when <see cref="Key"/> computes the group.</param>
/// <param name="Backfill">When the caps leave fewer than k items, fill the rest with held-back items in rank order.</param>
internal sealed record CompiledDiversityRule(
    string Name, int Bit, int Max, bool Backfill, DiversityAttribute? By, RuleDelegate<string>? Key)
{
    /// <summary>The built-in attribute's values for <paramref name="item"/>; the empty list for a computed key.</summary>
    public IReadOnlyList<string> ValuesOf(RuleItem item) => By switch
    {
        DiversityAttribute.Categories => item.Categories,
        DiversityAttribute.Tags => item.Tags,
        DiversityAttribute.Regions => item.Regions,
        _ => [],
    };
}
