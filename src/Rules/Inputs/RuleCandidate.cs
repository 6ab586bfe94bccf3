namespace Recommender.Rules;

/// <summary>
/// The per-request facts about the candidate being evaluated, as rule expressions see them through the parameter
/// <c>candidate</c>: its incoming score, its 1-based rank in the incoming list and its per-source scores.
/// One instance is reused for every candidate of an evaluation, so nothing is allocated per candidate.
/// </summary>
public sealed class RuleCandidate
{
    private IReadOnlyDictionary<string, double>? _sourceScores;

    internal RuleCandidate()
    {
    }

    /// <summary>The score the candidate came with (before any boost or bury).</summary>
    public double Score { get; private set; }

    /// <summary>1-based position in the incoming ranked list.</summary>
    public int Rank { get; private set; }

    /// <summary>The score <paramref name="source"/> gave the candidate, or NaN when that source did not score it.</summary>
    public double SourceScore(string source) =>
        _sourceScores is not null && _sourceScores.TryGetValue(source, out var score) ? score : double.NaN;

    /// <summary>True when <paramref name="source"/> proposed the candidate.</summary>
    public bool FromSource(string source) => _sourceScores?.ContainsKey(source) == true;

    internal void MoveTo(in RankedCandidate candidate, int rank)
    {
        Score = candidate.Score;
        Rank = rank;
        _sourceScores = candidate.SourceScores;
    }
}
