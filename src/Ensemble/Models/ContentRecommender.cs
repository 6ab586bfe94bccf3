using System.Numerics.Tensors;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models.Content;
using Recommender.Ensemble.Numerics;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// Content-based recommender. Each catalog item becomes a sparse vector (TF-IDF word and character n-grams of
/// title and tags via ML.NET, IDF-weighted one-hot categories, one-hot metadata), reduced by randomized truncated
/// SVD to a dense unit-length embedding. A user's profile is the weighted mean of their history's embeddings
/// (weights: interaction values, optionally decayed by age), normalised; items are ranked by cosine to it.
/// <para>
/// Items the interaction matrix knows but the catalog does not describe have a zero embedding. They score
/// <see cref="UndescribedItemScore"/>, below every cosine, so they fill a list only when no described item is left.
/// A user (or item list, or item) whose profile is zero — nothing described in the history — gets an empty list:
/// this model has no evidence, and the ensemble should fall back to another.
/// </para>
/// <para>
/// Cosines are computed by the scorer the given <see cref="IEmbeddingScorerFactory"/> makes for the configured
/// device (<see cref="CpuEmbeddingScorer"/> without one, as evaluation uses).
/// </para>
/// </summary>
public sealed class ContentRecommender : IEmbeddingRecommender
{
    public const string KindName = "content";

    /// <summary>Score of an item without content: any cosine (≥ −1) beats it.</summary>
    public const float UndescribedItemScore = -2f;

    private const string EmbeddingsTensor = "item_embeddings";
    private const string ProfileWeightsTensor = "profile_weights";

    private InteractionMatrix? _interactions;
    private float[] _embeddings = [];
    private float[] _profileWeights = [];
    private readonly IEmbeddingScorerFactory? _scorers;
    private IEmbeddingScorer? _scorer;

    /// <param name="scorers">Makes the item scorer (device, precision, micro-batching); the exact CPU scorer when null.</param>
    public ContentRecommender(ContentOptions? options = null, IEmbeddingScorerFactory? scorers = null)
    {
        Options = options ?? new ContentOptions();
        _scorers = scorers;
        var charsOn = Options.CharNgramLength > 0 && Options.CharWeight > 0;
        if (Options.WordWeight == 0 && !charsOn && Options.CategoryWeight == 0 && Options.MetadataWeight == 0)
            throw new ArgumentException("At least one feature block (words, characters, categories, metadata) needs a positive weight.", nameof(options));
    }

    public ContentOptions Options { get; }

    public string Kind => KindName;

    public InteractionMatrix Interactions => _interactions ?? throw NotFitted();

    public object Parameters => Options;

    public ScoringPlacement Placement => _scorer?.Placement ?? throw NotFitted();

    public int Dimensions => Options.Dimensions;

    /// <summary>Row-major items × <see cref="Dimensions"/>; unit rows, zero rows for items without content.</summary>
    public ReadOnlySpan<float> ItemEmbeddings => _interactions is null ? throw NotFitted() : _embeddings;

    public ReadOnlySpan<float> EmbeddingOf(int item)
    {
        RequireItem(item, nameof(item));
        return _embeddings.AsSpan(item * Dimensions, Dimensions);
    }

    /// <summary>Whether the catalog described the item (its embedding is non-zero).</summary>
    public bool Describes(int item) => !IsZero(EmbeddingOf(item));

    public void Fit(TrainingData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var matrix = data.Matrix;
        var items = new CatalogItem?[matrix.ItemCount];
        for (var i = 0; i < items.Length; i++)
            items[i] = data.Catalog.TryGet(matrix.Items[i], out var item) ? item : null;

        var features = ContentFeatureBuilder.Build(items, Options, cancellationToken);
        var svd = RandomizedSvd.Compute(features, Options.Dimensions, Options.Oversampling, Options.PowerIterations, Options.Seed, cancellationToken);
        var embeddings = LatentItemEmbeddings.FromSvd(svd, Options.Dimensions);
        var profileWeights = Options.RecencyHalfLifeDays > 0
            ? RecencyWeights.Compute(data.Log, matrix, Options.RecencyHalfLifeDays)
            : matrix.ByUser.Values;
        Install(matrix, embeddings, profileWeights);
    }

    public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
    {
        var interactions = Interactions;
        if ((uint)user >= (uint)interactions.UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"The model knows {interactions.UserCount} users.");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var seen = interactions.ItemsOf(user);
        var start = interactions.ByUser.RowPointers[user];
        var profile = Profile(seen, _profileWeights.AsSpan(start, seen.Length));
        return profile is null ? [] : _scorer!.TopK(profile, k, new ExclusionFilter(seen, exclude));
    }

    public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default)
    {
        _ = Interactions;
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        FoldInInput.Check(items, weights, Interactions.ItemCount);
        foreach (var weight in weights)
        {
            if (!float.IsFinite(weight))
                throw new ArgumentException("Weights must be finite.", nameof(weights));
        }
        var profile = Profile(items, weights);
        return profile is null ? [] : _scorer!.TopK(profile, k, new ExclusionFilter(ExclusionFilter.Sorted(items), exclude));
    }

    public ValueTask<ScoredItem[]> RecommendAsync(int user, int k, ReadOnlyMemory<int> exclude, CancellationToken cancellationToken)
    {
        var interactions = Interactions;
        if ((uint)user >= (uint)interactions.UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"The model knows {interactions.UserCount} users.");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var seen = interactions.ItemsOfAsMemory(user);
        var start = interactions.ByUser.RowPointers[user];
        var profile = Profile(seen.Span, _profileWeights.AsSpan(start, seen.Length));
        return profile is null ? ValueTask.FromResult<ScoredItem[]>([]) : _scorer!.TopKAsync(profile, k, seen, exclude, cancellationToken);
    }

    public ValueTask<ScoredItem[]> RecommendFromItemsAsync(ReadOnlyMemory<int> items, int k, ReadOnlyMemory<int> exclude, CancellationToken cancellationToken)
    {
        _ = Interactions;
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        foreach (var item in items.Span)
            RequireItem(item, nameof(items));
        var profile = Profile(items.Span, []);
        return profile is null
            ? ValueTask.FromResult<ScoredItem[]>([])
            : _scorer!.TopKAsync(profile, k, ExclusionFilter.Sorted(items.Span), exclude, cancellationToken);
    }

    public ScoredItem[] SimilarItems(int item, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var embedding = EmbeddingOf(item);
        if (IsZero(embedding))
            return [];
        var query = new float[Dimensions + 1];
        embedding.CopyTo(query);
        query[Dimensions] = 1;
        ReadOnlySpan<int> self = [item];
        return _scorer!.TopK(query, k, new ExclusionFilter(self));
    }

    public void Save(ArtifactWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var interactions = Interactions;
        writer.WriteFloats(EmbeddingsTensor, _embeddings, interactions.ItemCount, Dimensions);
        // Without recency the profile weights are the matrix values, which the registry stores already.
        if (Options.RecencyHalfLifeDays > 0)
            writer.WriteFloats(ProfileWeightsTensor, _profileWeights, _profileWeights.Length);
    }

    /// <summary>Restores a model saved by <see cref="Save"/>; the ML.NET featurizer is not needed to serve.</summary>
    /// <param name="scorers">As in the constructor.</param>
    public static ContentRecommender Load(ArtifactReader reader, InteractionMatrix interactions, JsonElement parameters, IEmbeddingScorerFactory? scorers = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(interactions);
        ContentOptions options;
        try
        {
            options = parameters.Deserialize<ContentOptions>(JsonSerializerOptions.Web)
                ?? throw new ModelArtifactException(reader.DirectoryPath, "content model parameters are null");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new ModelArtifactException(reader.DirectoryPath, $"content model parameters are invalid: {e.Message}");
        }

        var model = new ContentRecommender(options, scorers);
        var embeddings = reader.ReadFloats(EmbeddingsTensor, out var shape);
        if (shape is not [var rows, var columns] || rows != interactions.ItemCount || columns != options.Dimensions)
            throw new ModelArtifactException(TensorPath(reader, EmbeddingsTensor),
                $"shape [{string.Join(", ", shape)}] does not match {interactions.ItemCount} items × {options.Dimensions} dimensions");
        var profileWeights = interactions.ByUser.Values;
        if (options.RecencyHalfLifeDays > 0)
        {
            profileWeights = reader.ReadFloats(ProfileWeightsTensor);
            if (profileWeights.Length != interactions.NonZeroCount)
                throw new ModelArtifactException(TensorPath(reader, ProfileWeightsTensor),
                    $"{profileWeights.Length} weights for {interactions.NonZeroCount} interactions");
        }
        model.Install(interactions, embeddings, profileWeights);
        return model;
    }

    private void Install(InteractionMatrix interactions, float[] embeddings, float[] profileWeights)
    {
        // The scorer sees one extra dimension: 0 for described items, UndescribedItemScore for the others. Queries
        // carry 1 there, so described items score their cosine and the others a constant below any cosine.
        var width = Dimensions + 1;
        var scored = new float[interactions.ItemCount * width];
        for (var item = 0; item < interactions.ItemCount; item++)
        {
            var embedding = embeddings.AsSpan(item * Dimensions, Dimensions);
            embedding.CopyTo(scored.AsSpan(item * width));
            if (IsZero(embedding))
                scored[item * width + Dimensions] = UndescribedItemScore;
        }
        _scorer = _scorers?.Create(scored, interactions.ItemCount, width) ?? new CpuEmbeddingScorer(scored, interactions.ItemCount, width);
        _embeddings = embeddings;
        _profileWeights = profileWeights;
        _interactions = interactions;
    }

    /// <summary>Normalised weighted sum of the items' embeddings plus the scorer's constant slot, or null when it is zero.</summary>
    private float[]? Profile(ReadOnlySpan<int> items, ReadOnlySpan<float> weights)
    {
        var query = new float[Dimensions + 1];
        var profile = query.AsSpan(0, Dimensions);
        var magnitude = 0f;
        for (var i = 0; i < items.Length; i++)
        {
            var weight = weights.IsEmpty ? 1f : weights[i];
            var embedding = _embeddings.AsSpan(items[i] * Dimensions, Dimensions);
            if (weight == 0 || IsZero(embedding))
                continue;
            TensorPrimitives.MultiplyAdd(embedding, weight, profile, profile);
            magnitude += Math.Abs(weight);
        }
        // Relative to the weights, so tiny (e.g. long-decayed) weights still count, while a sum that cancels out
        // (likes and dislikes of the same content) is treated as no evidence.
        var norm = TensorPrimitives.Norm(profile);
        if (!(norm > 1e-6f * magnitude))
            return null;
        TensorPrimitives.Divide(profile, norm, profile);
        query[Dimensions] = 1;
        return query;
    }

    private void RequireItem(int item, string parameter)
    {
        var count = Interactions.ItemCount;
        if ((uint)item >= (uint)count)
            throw new ArgumentOutOfRangeException(parameter, item, $"The model knows {count} items.");
    }

    /// <summary>Whether every component is zero (MaxMagnitude keeps the sign, so compare with 0, not &gt; 0).</summary>
    private static bool IsZero(ReadOnlySpan<float> vector) => TensorPrimitives.MaxMagnitude(vector) == 0;

    private static string TensorPath(ArtifactReader reader, string name) =>
        Path.Combine(reader.DirectoryPath, name + TensorFile.Extension);

    private static InvalidOperationException NotFitted() => new("The content model is not fitted: call Fit or Load first.");
}
