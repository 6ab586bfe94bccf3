using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// One model's candidates for one user: its top-N, best first, as the model scored them. <see cref="UserKnown"/> is
/// false when the model had no evidence about the user (no training interactions and nothing to fold in), in which
/// case <see cref="Items"/> is usually empty and a cascade moves on to the next model.
/// </summary>
/// <param name="Source">The model's name in the variant policy, e.g. "als"; strategy parameters refer to it.</param>
/// <param name="Items">Best first; distinct items.</param>
/// <param name="UserKnown">Whether the model knew the user.</param>
public sealed record CandidateList(string Source, ScoredItem[] Items, bool UserKnown = true)
{
    public int Count => Items.Length;
}
