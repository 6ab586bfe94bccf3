using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// Most popular items: an item's score is the number of distinct users who interacted with it in train, ties to the
/// lower item index. Everyone gets the same list minus what they have seen, which makes it the baseline every
/// personalised model must beat and the fallback for users nobody knows.
/// <see cref="SimilarItems"/> ranks by co-occurrence count: the number of users who interacted with both items
/// ("people who liked this also liked"), only items that co-occur at least once.
/// </summary>
public sealed class PopularityRecommender : IRecommender
{
    private const string PopularityTensor = "popularity";

    private InteractionMatrix? _interactions;
    private CsrMatrix? _usersByItem;
    private float[] _popularity = [];
    private int[] _ranking = [];

    public string Kind => "popularity";

    public InteractionMatrix Interactions => _interactions ?? throw NotFitted();

    /// <summary>Popularity has no hyper-parameters.</summary>
    public object Parameters { get; } = new Dictionary<string, object>();

    /// <summary>Number of interacting users per item (index order).</summary>
    public ReadOnlySpan<float> Popularity => _popularity;

    public void Fit(TrainingData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var counts = data.Matrix.ItemUserCounts();
        var popularity = new float[counts.Length];
        for (var i = 0; i < counts.Length; i++)
            popularity[i] = counts[i];
        Initialise(data.Matrix, popularity);
    }

    public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
    {
        var interactions = Interactions;
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, interactions.UserCount);
        return TakeTop(k, new ExclusionFilter(interactions.ItemsOf(user), exclude));
    }

    public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default)
    {
        _ = Interactions;
        var seen = ExclusionFilter.Sorted(items);
        return TakeTop(k, new ExclusionFilter(seen, exclude));
    }

    public ScoredItem[] SimilarItems(int item, int k)
    {
        var interactions = Interactions;
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, interactions.ItemCount);
        var counts = new float[interactions.ItemCount];
        foreach (var user in _usersByItem!.RowIndices(item))
        {
            foreach (var other in interactions.ItemsOf(user))
                counts[other] += 1;
        }
        counts[item] = 0;
        var top = TopK.Select(counts, k, ExclusionFilter.None);
        return Array.FindAll(top, s => s.Score > 0);
    }

    public void Save(ArtifactWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _ = Interactions;
        writer.WriteFloats(PopularityTensor, _popularity);
    }

    /// <summary>Restores a model written by <see cref="Save"/>; popularity has no parameters to read.</summary>
    public static PopularityRecommender Load(ArtifactReader reader, InteractionMatrix interactions, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(interactions);
        var popularity = reader.ReadFloats(PopularityTensor);
        if (popularity.Length != interactions.ItemCount)
            throw new ModelArtifactException(Path.Combine(reader.DirectoryPath, PopularityTensor), $"holds {popularity.Length} items, the interaction matrix {interactions.ItemCount}");
        var model = new PopularityRecommender();
        model.Initialise(interactions, popularity);
        return model;
    }

    private void Initialise(InteractionMatrix interactions, float[] popularity)
    {
        var ranking = new int[popularity.Length];
        for (var i = 0; i < ranking.Length; i++)
            ranking[i] = i;
        // Stable by construction: equal counts keep ascending index, the tie rule TopK uses everywhere.
        Array.Sort(ranking, (a, b) => popularity[a] != popularity[b] ? popularity[b].CompareTo(popularity[a]) : a.CompareTo(b));
        _popularity = popularity;
        _ranking = ranking;
        _usersByItem = interactions.ByUser.Transpose();
        _interactions = interactions;
    }

    /// <summary>Walks the precomputed ranking, so a query costs O(k + exclusions) rather than a pass over the catalog.</summary>
    private ScoredItem[] TakeTop(int k, ExclusionFilter exclude)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var result = new List<ScoredItem>(Math.Min(k, _ranking.Length));
        foreach (var item in _ranking)
        {
            if (result.Count == k)
                break;
            if (!exclude.Contains(item))
                result.Add(new ScoredItem(item, _popularity[item]));
        }
        return result.ToArray();
    }

    private static InvalidOperationException NotFitted() => new("The popularity model has not been fitted.");
}
