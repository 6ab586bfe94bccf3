using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tuning;

/// <summary>
/// One validation carve of an ensemble search: the inner train part, the held-out validation rows, the members
/// fitted on inner train, and the item features of inner train.
/// </summary>
public sealed record EnsembleFold(int Seed, TrainingData InnerTrain, InteractionLog Validation, CandidateGenerator Members, RankingFeatureSource Features)
{
    /// <summary>The fitted members named by <paramref name="sources"/>, in that order.</summary>
    public CandidateGenerator Subset(IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var models = new List<(string, IRecommender)>(sources.Count);
        foreach (var source in sources)
        {
            var member = Members.Models.FirstOrDefault(m => m.Name == source);
            if (member.Model is null)
                throw new ArgumentException($"'{source}' is not a member of this search: {string.Join(", ", Members.Names)}.", nameof(sources));
            models.Add(member);
        }
        return new CandidateGenerator(models);
    }
}
