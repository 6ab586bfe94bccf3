using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

/// <summary>Hand-made candidate lists: <c>Lists.Of("als", (1, 10f), (2, 8f))</c>.</summary>
internal static class Lists
{
    public static CandidateList Of(string source, params (int Item, float Score)[] items) =>
        new(source, [.. items.Select(i => new ScoredItem(i.Item, i.Score))]);

    public static CandidateList Unknown(string source) => new(source, [], UserKnown: false);

    public static int[] Items(IReadOnlyList<EnsembleCandidate> ranked) => [.. ranked.Select(c => c.Item)];
}
