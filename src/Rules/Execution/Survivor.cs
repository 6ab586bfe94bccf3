namespace Recommender.Rules.Execution;

/// <summary>A candidate that passed the filters: its position in the input, its adjusted score and the rules that
/// fired on it so far (bit i = the workflow's rule i).</summary>
internal struct Survivor(int index, double score, ulong fired)
{
    public readonly int Index = index;
    public readonly double Score = score;
    public ulong Fired = fired;
}
