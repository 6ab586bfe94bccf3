using System.Numerics.Tensors;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Per-item features the learned ranker uses besides the models' scores: popularity (distinct training users), age
/// in days (catalog creation date to the latest training interaction; <see cref="UnknownAge"/> when the catalog has
/// no date) and content similarity to the user's history (cosine between the item's content embedding and the mean
/// of the history's embeddings; <see cref="NoContentSimilarity"/> when either has no content).
/// </summary>
public sealed class RankingFeatureSource
{
    /// <summary>Sentinel for an item without a creation date (real ages are ≥ 0).</summary>
    public const float UnknownAge = -1f;

    /// <summary>Sentinel below every cosine (≥ −1) for an item or history without content.</summary>
    public const float NoContentSimilarity = -2f;

    private readonly float[] _popularity;
    private readonly float[] _ageDays;
    private readonly ContentRecommender? _content;


    public RankingFeatureSource(float[] popularity, float[] ageDays, ContentRecommender? content = null)
    {
        ArgumentNullException.ThrowIfNull(popularity);
        ArgumentNullException.ThrowIfNull(ageDays);
        if (ageDays.Length != popularity.Length)
            throw new ArgumentException($"{ageDays.Length} ages for {popularity.Length} items.", nameof(ageDays));
        if (content is not null && content.Interactions.ItemCount != popularity.Length)
            throw new ArgumentException($"The content model knows {content.Interactions.ItemCount} items, the features {popularity.Length}.", nameof(content));
        _popularity = popularity;
        _ageDays = ageDays;
        _content = content;
    }

    /// <summary>Features of the training data <paramref name="train"/> (its matrix, its log's latest time, its catalog).</summary>
    public static RankingFeatureSource FromTraining(TrainingData train, ContentRecommender? content = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var matrix = train.Matrix;
        var counts = matrix.ItemUserCounts();
        var popularity = new float[counts.Length];
        for (var i = 0; i < counts.Length; i++)
            popularity[i] = counts[i];
        var now = train.Log.Count == 0 ? 0 : train.Log.Timestamp.Max();
        var ages = new float[matrix.ItemCount];
        for (var item = 0; item < ages.Length; item++)
        {
            ages[item] = train.Catalog.TryGet(matrix.Items[item], out var described) && described.CreatedAt is { } created
                ? (float)Math.Max(0, (now - created.ToUnixTimeSeconds()) / 86_400.0)
                : UnknownAge;
        }
        return new RankingFeatureSource(popularity, ages, content);
    }

    public int ItemCount => _popularity.Length;

    public bool HasContent => _content is not null;

    public float Popularity(int item) => _popularity[item];

    public float AgeDays(int item) => _ageDays[item];

    /// <summary>The unit mean content embedding of <paramref name="history"/>, or null without content.</summary>
    public float[]? ContentProfile(ReadOnlySpan<int> history)
    {
        if (_content is null || history.IsEmpty)
            return null;
        var profile = new float[_content.Dimensions];
        foreach (var item in history)
        {
            if ((uint)item < (uint)ItemCount)
                TensorPrimitives.Add(profile, _content.EmbeddingOf(item), profile);
        }
        var norm = TensorPrimitives.Norm(profile);
        if (!(norm > 0))
            return null;
        TensorPrimitives.Divide(profile, norm, profile);
        return profile;
    }

    /// <summary>Cosine of <paramref name="item"/>'s content embedding and <paramref name="profile"/>.</summary>
    public float ContentSimilarity(float[]? profile, int item)
    {
        if (profile is null || _content is null || !_content.Describes(item))
            return NoContentSimilarity;
        return TensorPrimitives.Dot(profile, _content.EmbeddingOf(item));
    }
}
