using System.Collections.Immutable;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Api.Serving;

/// <summary>
/// One immutable snapshot of what is served: the data set (its item index space is shared by every model
/// trained on it), rule inputs, and the loaded model versions. Publishing makes a new snapshot.
/// </summary>
public sealed class ServingState
{
    public const string FallbackModel = "popularity";

    /// <summary>The model whose embeddings give the learned ranker's content-similarity feature.</summary>
    public const string ContentModel = "content";

    private readonly Lazy<RankingFeatureSource> _rankingFeatures;

    /// <summary>The whole data set as models fit on it: its matrix answers "seen", and ranking features derive from it.</summary>
    private readonly TrainingData _whole;

    private ServingState(Dataset dataset, TrainingData whole, RuleInputs ruleInputs, ImmutableDictionary<string, ModelVersions> models)
    {
        Dataset = dataset;
        _whole = whole;
        RuleInputs = ruleInputs;
        Models = models;
        _rankingFeatures = new Lazy<RankingFeatureSource>(BuildRankingFeatures);
    }

    public Dataset Dataset { get; }

    /// <summary>The whole data set as a matrix: the "seen" lists of known users.</summary>
    public InteractionMatrix Matrix => _whole.Matrix;

    public RuleInputs RuleInputs { get; }

    public ImmutableDictionary<string, ModelVersions> Models { get; }

    /// <summary>
    /// Item features for strategies that read them (the learned ranker): popularity and age from the data set,
    /// content similarity from the latest content model when one is served. Built on first use per snapshot.
    /// </summary>
    public RankingFeatureSource RankingFeatures => _rankingFeatures.Value;

    private RankingFeatureSource BuildRankingFeatures()
    {
        var content = Models.TryGetValue(ContentModel, out var versions) ? versions.Latest.Model as ContentRecommender : null;
        return RankingFeatureSource.FromTraining(_whole, content);
    }

    public static ServingState For(Dataset dataset) =>
        new(dataset, new TrainingData(dataset.Interactions, dataset.Catalog), new RuleInputs(dataset),
            ImmutableDictionary<string, ModelVersions>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>A snapshot with <paramref name="model"/> added (its item index space must be the data set's).</summary>
    public ServingState With(LoadedModel model)
    {
        var items = model.Model.Interactions.Items;
        if (items.Count != Matrix.Items.Count || !items.Ids.SequenceEqual(Matrix.Items.Ids))
            throw new InvalidOperationException($"Model {model.Name} version {model.Version} was trained on other items than the served data set.");
        var versions = Models.TryGetValue(model.Name, out var existing) ? existing.With(model) : ModelVersions.Of(model);
        return new ServingState(Dataset, _whole, RuleInputs, Models.SetItem(model.Name, versions));
    }

    /// <summary>The pinned version when given and loaded, else the latest.</summary>
    public LoadedModel Resolve(string name, string? version)
    {
        var versions = Models[name];
        return version is not null && versions.ByVersion.TryGetValue(version, out var pinned) ? pinned : versions.Latest;
    }

    public bool TryGetFallback(out LoadedModel fallback)
    {
        var found = Models.TryGetValue(FallbackModel, out var versions);
        fallback = versions?.Latest!;
        return found;
    }

    public int UserIndex(string userId) => Matrix.Users.TryGetIndex(userId, out var user) ? user : -1;

    /// <summary>The items a known user interacted with, ascending.</summary>
    public ReadOnlyMemory<int> SeenItems(string userId)
    {
        if (!Matrix.Users.TryGetIndex(userId, out var user))
            return ReadOnlyMemory<int>.Empty;
        var csr = Matrix.ByUser;
        return csr.ColumnIndices.AsMemory(csr.RowPointers[user], csr.RowLength(user));
    }

    /// <summary>Sorted, distinct item indices of <paramref name="ids"/>; ids the data set does not know go to <paramref name="unknown"/>.</summary>
    public int[] ToSortedIndices(IReadOnlyList<string> ids, List<string> unknown)
    {
        if (ids.Count == 0)
            return [];
        var indices = new List<int>(ids.Count);
        foreach (var id in ids)
        {
            if (Matrix.Items.TryGetIndex(id, out var index))
                indices.Add(index);
            else
                unknown.Add(id);
        }
        return Recommender.Ensemble.Models.ExclusionFilter.Sorted(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(indices));
    }
}
