using System.Buffers;
using System.Numerics.Tensors;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models.MultVae;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// Mult-VAE (Liang et al. 2018, "Variational Autoencoders for Collaborative Filtering"): a variational autoencoder
/// over a user's item set with a multinomial likelihood, which learns non-linear item interactions that the
/// least-squares models (ALS, EASE) cannot express. Several networks from different seeds are trained and their logits
/// averaged, since one network's ranking varies noticeably with its initialisation. The encoder reads any item set, so
/// folding in a new user is exact. Interaction weights are binarised (the input is the set of items).
/// </summary>
public sealed class MultVaeRecommender : IRecommender
{
    /// <summary>
    /// Largest catalogue accepted: every training step and every request computes a softmax over all items through a
    /// dense hidden × items layer, so the cost of each user grows with the catalogue.
    /// </summary>
    public const int MaxItems = 20_000;

    private const string TensorPrefix = "network";

    private Fitted? _fitted;

    public MultVaeRecommender(MultVaeOptions? options = null)
    {
        Options = options ?? new MultVaeOptions();
    }

    public MultVaeOptions Options { get; }

    public string Kind => "multvae";

    public InteractionMatrix Interactions => State.Interactions;

    public object Parameters => Options;

    private Fitted State => _fitted ?? throw new InvalidOperationException("The Mult-VAE model has not been fitted or loaded.");

    public void Fit(TrainingData data, CancellationToken cancellationToken = default) => Fit(data.Matrix, cancellationToken);

    /// <summary>Fits on <paramref name="matrix"/>, networks in parallel; on cancellation the model keeps its previous state.</summary>
    /// <exception cref="NotSupportedException">More than <see cref="MaxItems"/> items.</exception>
    public void Fit(InteractionMatrix matrix, CancellationToken cancellationToken = default)
    {
        if (matrix.ItemCount > MaxItems)
            throw new NotSupportedException(
                $"The Mult-VAE scores every item through a dense {Options.Hidden} × {matrix.ItemCount:N0} output layer for each user in " +
                $"training and serving; it accepts at most {MaxItems:N0} items. Use ALS for this catalogue.");
        var networks = new VaeNetwork[Options.Networks];
        Parallel.For(0, networks.Length, new ParallelOptions { CancellationToken = cancellationToken }, n =>
        {
            var seed = Options.Seed + n;
            var network = VaeNetwork.Initialise(matrix.ItemCount, Options.Hidden, Options.Latent, seed);
            network.Train(matrix.ByUser, Options, seed, cancellationToken);
            networks[n] = network;
        });
        _fitted = new Fitted(matrix, networks);
    }

    public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, state.Interactions.UserCount);
        var items = state.Interactions.ItemsOf(user);
        return k <= 0 || items.IsEmpty ? [] : Select(state, items, k, exclude);
    }

    /// <summary>Encodes the distinct given items as a user's history (weights are ignored: the input is binarised).</summary>
    public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        var n = state.Interactions.ItemCount;
        FoldInInput.Check(items, weights, n);
        return k <= 0 || items.IsEmpty ? [] : Select(state, ExclusionFilter.Sorted(items), k, exclude);
    }

    /// <summary>What the model recommends to someone whose only item is <paramref name="item"/>.</summary>
    public ScoredItem[] SimilarItems(int item, int k)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, state.Interactions.ItemCount);
        return k <= 0 ? [] : Select(state, [item], k, default);
    }

    /// <summary>The mean logits of the networks for a user with <paramref name="items"/> (distinct, sorted, in range).</summary>
    internal float[] Logits(ReadOnlySpan<int> items)
    {
        var state = State;
        var logits = new float[state.Interactions.ItemCount];
        AddMeanLogits(state, items, logits);
        return logits;
    }

    public void Save(ArtifactWriter writer)
    {
        var state = State;
        for (var n = 0; n < state.Networks.Length; n++)
        {
            var network = state.Networks[n];
            var shapes = network.Shapes;
            for (var p = 0; p < shapes.Length; p++)
                writer.WriteFloats($"{TensorPrefix}{n}.{p}", network.Parameters[p], shapes[p]);
        }
    }

    /// <summary>Restores a model written by <see cref="Save"/>; <paramref name="parameters"/> is its <see cref="Parameters"/> as JSON.</summary>
    public static MultVaeRecommender Load(ArtifactReader reader, InteractionMatrix interactions, JsonElement parameters)
    {
        var options = parameters.Deserialize<MultVaeOptions>(JsonSerializerOptions.Web)
            ?? throw new ModelArtifactException(reader.DirectoryPath, "Mult-VAE parameters are missing");
        var networks = new VaeNetwork[options.Networks];
        for (var n = 0; n < networks.Length; n++)
        {
            var values = new float[8][];
            var shapes = new int[8][];
            for (var p = 0; p < 8; p++)
                values[p] = reader.ReadFloats($"{TensorPrefix}{n}.{p}", out shapes[p]);
            var network = VaeNetwork.FromParameters(values, shapes);
            if (network is null || network.Items != interactions.ItemCount || network.Hidden != options.Hidden || network.Latent != options.Latent)
                throw new ModelArtifactException(
                    reader.DirectoryPath,
                    $"network {n}'s tensors do not form a {interactions.ItemCount}-item network with {options.Hidden} hidden and {options.Latent} latent units");
            networks[n] = network;
        }
        var model = new MultVaeRecommender(options);
        model._fitted = new Fitted(interactions, networks);
        return model;
    }

    private static ScoredItem[] Select(Fitted state, ReadOnlySpan<int> seen, int k, ReadOnlySpan<int> exclude)
    {
        var n = state.Interactions.ItemCount;
        // Rented: the request path scores every item per call, and a fresh array per request is mostly GC work.
        var logits = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var row = logits.AsSpan(0, n);
            row.Clear();
            AddMeanLogits(state, seen, row);
            return TopK.SelectOverwriting(row, k, new ExclusionFilter(seen, exclude));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(logits);
        }
    }

    private static void AddMeanLogits(Fitted state, ReadOnlySpan<int> items, Span<float> logits)
    {
        var first = state.Networks[0];
        var length = 2 * first.Hidden + first.Latent;
        // Small layers (the presets: 464 floats) stay on the stack; a wide custom network must not overflow it.
        Span<float> scratch = length <= 4096 ? stackalloc float[length] : new float[length];
        foreach (var network in state.Networks)
            network.AddLogits(items, logits, scratch);
        TensorPrimitives.Multiply(logits, 1f / state.Networks.Length, logits);
    }

    private sealed class Fitted(InteractionMatrix interactions, VaeNetwork[] networks)
    {
        public InteractionMatrix Interactions { get; } = interactions;
        public VaeNetwork[] Networks { get; } = networks;
    }
}
