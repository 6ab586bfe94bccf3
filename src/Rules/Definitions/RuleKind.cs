namespace Recommender.Rules;

/// <summary>What a rule does to the ranked list.</summary>
public enum RuleKind
{
    /// <summary>Drops a candidate when its condition holds.</summary>
    Filter,

    /// <summary>Multiplies a candidate's score by a factor of at least 1 when its condition holds.</summary>
    Boost,

    /// <summary>Multiplies a candidate's score by a factor in (0, 1] when its condition holds.</summary>
    Bury,

    /// <summary>Caps how many items sharing an attribute value may appear in the top k (a pass over the ranked list).</summary>
    Diversity,
}
