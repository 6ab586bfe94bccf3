namespace Recommender.Ensemble.Strategies;

/// <summary>
/// What one source said about one combined candidate: its raw score and 1-based rank in that source's list, or
/// <see cref="Absent"/> when the item was not in that list.
/// </summary>
public readonly record struct SourceScore(float Score, int Rank)
{
    public static SourceScore Absent => default;

    /// <summary>Whether the item was in the source's list (ranks start at 1).</summary>
    public bool Present => Rank > 0;
}
