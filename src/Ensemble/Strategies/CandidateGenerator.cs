using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// The candidate step of the pipeline for known users: every named, fitted model gives its top-N for the user
/// (seen items removed by the model). A model "knows" a user who has at least one interaction in its training
/// matrix; for anyone else its list is empty and marked unknown.
/// </summary>
public sealed class CandidateGenerator
{
    public CandidateGenerator(IReadOnlyList<(string Name, IRecommender Model)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
            throw new ArgumentException("Give at least one model.", nameof(models));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in models)
        {
            if (!names.Add(name))
                throw new ArgumentException($"Model name '{name}' appears twice.", nameof(models));
        }
        Models = [.. models];
    }

    public IReadOnlyList<(string Name, IRecommender Model)> Models { get; }

    public IEnumerable<string> Names => Models.Select(m => m.Name);

    /// <summary>Each model's top <paramref name="poolSize"/> for <paramref name="user"/>, in model order.</summary>
    public CandidateList[] For(int user, int poolSize, ReadOnlySpan<int> exclude = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(poolSize);
        var lists = new CandidateList[Models.Count];
        for (var m = 0; m < Models.Count; m++)
        {
            var (name, model) = Models[m];
            var known = (uint)user < (uint)model.Interactions.UserCount && model.Interactions.ByUser.RowLength(user) > 0;
            lists[m] = known
                ? new CandidateList(name, model.Recommend(user, poolSize, exclude), UserKnown: true)
                : new CandidateList(name, [], UserKnown: false);
        }
        return lists;
    }
}
