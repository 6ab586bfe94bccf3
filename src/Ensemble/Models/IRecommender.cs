using Recommender.Ensemble.Data;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Models;

/// <summary>
/// The one interface every recommender implements, in the spirit of implicit's: fit on an interaction matrix,
/// recommend for a known user or for a list of items someone liked (the fold-in path for new users), and
/// find similar items. Users and items are dense indices of <see cref="Interactions"/>' id maps.
/// Exclusion lists passed in must be sorted ascending (see <see cref="ExclusionFilter.Sorted"/>).
/// Implementations are safe to query from many threads once fitted; Fit is not.
/// </summary>
public interface IRecommender
{
    /// <summary>The model kind, e.g. "als"; the registry stores it in the manifest.</summary>
    string Kind { get; }

    /// <summary>The matrix the model was fitted on; a user's row is what "seen" means.</summary>
    InteractionMatrix Interactions { get; }

    /// <summary>Hyper-parameters, recorded in the manifest.</summary>
    object Parameters { get; }

    void Fit(TrainingData data, CancellationToken cancellationToken = default);

    /// <summary>Top <paramref name="k"/> items for a known user, without the user's seen items and <paramref name="exclude"/>.</summary>
    ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default);

    /// <summary>
    /// Top <paramref name="k"/> items for someone known only by the items they interacted with (with weights, or
    /// all 1 when <paramref name="weights"/> is empty); those items are excluded as seen.
    /// </summary>
    ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default);

    /// <summary>The <paramref name="k"/> items most similar to <paramref name="item"/>, itself excluded.</summary>
    ScoredItem[] SimilarItems(int item, int k);

    /// <summary>Writes the fitted state; the registry adds the interaction matrix and manifest.</summary>
    void Save(ArtifactWriter writer);
}
