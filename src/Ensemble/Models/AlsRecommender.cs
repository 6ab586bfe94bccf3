using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Numerics;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// Implicit-feedback matrix factorisation (Hu, Koren and Volinsky 2008) fitted by alternating least squares with a
/// few warm-started conjugate-gradient steps per row, with the semantics of the Python library implicit: confidence
/// c = alpha · r on observed entries, preference 1 there and 0 (confidence 1) elsewhere, λI unscaled, one iteration
/// = all users then all items, initial factors uniform[0, 1) · 0.01. Scores are inner products of user and item
/// factors, computed by the scorer the given <see cref="IEmbeddingScorerFactory"/> makes for the configured device
/// (<see cref="CpuEmbeddingScorer"/> without one, as evaluation uses). New users are folded in with an exact solve.
/// </summary>
public sealed class AlsRecommender : IEmbeddingRecommender
{
    private const float InitialScale = 0.01f;
    private const string UserFactorsTensor = "user_factors";
    private const string ItemFactorsTensor = "item_factors";

    private readonly IEmbeddingScorerFactory? _scorers;
    private Fitted? _fitted;

    /// <param name="scorers">Makes the item scorers (device, precision, micro-batching); the exact CPU scorer when null.</param>
    public AlsRecommender(AlsOptions? options = null, IEmbeddingScorerFactory? scorers = null)
    {
        Options = options ?? new AlsOptions();
        _scorers = scorers;
    }

    public AlsOptions Options { get; }

    public string Kind => "als";

    public InteractionMatrix Interactions => State.Interactions;

    public object Parameters => Options;

    public ScoringPlacement Placement => State.Scorer.Placement;

    /// <summary>User factors, row-major users × <see cref="AlsOptions.Factors"/>.</summary>
    public ReadOnlySpan<float> UserFactors => State.UserFactors;

    /// <summary>Item factors, row-major items × <see cref="AlsOptions.Factors"/>.</summary>
    public ReadOnlySpan<float> ItemFactors => State.ItemFactors;

    private Fitted State => _fitted ?? throw new InvalidOperationException("The ALS model has not been fitted or loaded.");

    public void Fit(TrainingData data, CancellationToken cancellationToken = default) =>
        Fit(data.Matrix, progress: null, cancellationToken);

    /// <summary>
    /// Fits on <paramref name="matrix"/>, reporting after every iteration. On cancellation the model keeps whatever
    /// state it had before the call.
    /// </summary>
    public void Fit(InteractionMatrix matrix, IProgress<AlsIterationProgress>? progress, CancellationToken cancellationToken = default)
    {
        var f = Options.Factors;
        var parallel = Options.ParallelOptions(cancellationToken);
        var userConfidence = ConfidenceMatrix(matrix.ByUser);
        var itemConfidence = userConfidence.Transpose();

        var random = new Random(Options.Seed);
        var userFactors = RandomFactors(random, matrix.UserCount * f);
        var itemFactors = RandomFactors(random, matrix.ItemCount * f);

        var clock = new Stopwatch();
        for (var iteration = 0; iteration < Options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            ImplicitLeastSquares.ConjugateGradientSweep(
                userConfidence, userFactors, itemFactors, f, Options.Regularization, Options.ConjugateGradientSteps, parallel);
            ImplicitLeastSquares.ConjugateGradientSweep(
                itemConfidence, itemFactors, userFactors, f, Options.Regularization, Options.ConjugateGradientSteps, parallel);
            progress?.Report(new AlsIterationProgress(iteration + 1, Options.Iterations, clock.Elapsed));
        }
        _fitted = new Fitted(matrix, userFactors, itemFactors, f, parallel.MaxDegreeOfParallelism, _scorers);
    }

    public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, state.Interactions.UserCount);
        var factor = state.UserFactors.AsSpan(user * state.Factors, state.Factors);
        // A user without training interactions has the zero factor: every item scores 0, so there is no opinion.
        if (k <= 0 || IsZero(factor))
            return [];
        return state.Scorer.TopK(factor, k, new ExclusionFilter(state.Interactions.ItemsOf(user), exclude));
    }

    public ValueTask<ScoredItem[]> RecommendAsync(int user, int k, ReadOnlyMemory<int> exclude, CancellationToken cancellationToken)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, state.Interactions.UserCount);
        var factor = state.UserFactors.AsMemory(user * state.Factors, state.Factors);
        if (k <= 0 || IsZero(factor.Span))
            return ValueTask.FromResult<ScoredItem[]>([]);
        return state.Scorer.TopKAsync(factor, k, state.Interactions.ItemsOfAsMemory(user), exclude, cancellationToken);
    }

    public ValueTask<ScoredItem[]> RecommendFromItemsAsync(ReadOnlyMemory<int> items, int k, ReadOnlyMemory<int> exclude, CancellationToken cancellationToken)
    {
        var state = State;
        var (seen, summedWeights) = Aggregate(items.Span, [], state.Interactions.ItemCount);
        if (k <= 0 || seen.Length == 0)
            return ValueTask.FromResult<ScoredItem[]>([]);
        var factor = FoldIn(seen, summedWeights);
        if (IsZero(factor))
            return ValueTask.FromResult<ScoredItem[]>([]);
        return state.Scorer.TopKAsync(factor, k, seen, exclude, cancellationToken);
    }

    /// <summary>
    /// Folds in someone known only by <paramref name="items"/>: their factor is the exact least-squares solution
    /// against the item factors (what one more user half-step would give with infinitely many CG steps), then
    /// scored like a known user's. Repeated items have their weights summed.
    /// </summary>
    public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        var (seen, summedWeights) = Aggregate(items, weights, state.Interactions.ItemCount);
        if (k <= 0 || seen.Length == 0)
            return [];
        var factor = FoldIn(seen, summedWeights);
        if (IsZero(factor))
            return [];
        return state.Scorer.TopK(factor, k, new ExclusionFilter(seen, exclude));
    }

    /// <summary>
    /// The factor a user with these (sorted, distinct) items and weights gets: the exact solution of
    /// (YᵀY + Yᵀ(C − I)Y + λI) x = YᵀC p against the fitted item factors.
    /// </summary>
    public float[] FoldIn(ReadOnlySpan<int> sortedItems, ReadOnlySpan<float> weights)
    {
        var state = State;
        if (weights.Length != sortedItems.Length)
            throw new ArgumentException("Give one weight per item.", nameof(weights));
        var confidence = new float[weights.Length];
        for (var i = 0; i < weights.Length; i++)
            confidence[i] = Options.ConfidenceOf(weights[i]);
        var factor = new float[state.Factors];
        ImplicitLeastSquares.SolveRowExact(
            state.ItemGram, Options.Regularization, state.ItemFactors, state.Factors, sortedItems, confidence, factor);
        return factor;
    }

    /// <summary>Cosine similarity of item factors.</summary>
    public ScoredItem[] SimilarItems(int item, int k)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, state.Interactions.ItemCount);
        var query = state.NormalizedItemFactors.AsSpan(item * state.Factors, state.Factors);
        if (k <= 0 || IsZero(query))
            return [];
        ReadOnlySpan<int> self = [item];
        return state.CosineScorer.TopK(query, k, new ExclusionFilter(self));
    }

    public void Save(ArtifactWriter writer)
    {
        var state = State;
        writer.WriteFloats(UserFactorsTensor, state.UserFactors, state.Interactions.UserCount, state.Factors);
        writer.WriteFloats(ItemFactorsTensor, state.ItemFactors, state.Interactions.ItemCount, state.Factors);
    }

    /// <summary>Restores a model written by <see cref="Save"/>; <paramref name="parameters"/> is its <see cref="Parameters"/> as JSON.</summary>
    /// <param name="scorers">As in the constructor.</param>
    public static AlsRecommender Load(ArtifactReader reader, InteractionMatrix interactions, JsonElement parameters, IEmbeddingScorerFactory? scorers = null)
    {
        var options = parameters.Deserialize<AlsOptions>(JsonSerializerOptions.Web)
            ?? throw new ModelArtifactException(reader.DirectoryPath, "ALS parameters are missing");
        var users = ReadFactors(reader, UserFactorsTensor, interactions.UserCount, options.Factors);
        var items = ReadFactors(reader, ItemFactorsTensor, interactions.ItemCount, options.Factors);
        var model = new AlsRecommender(options, scorers);
        model._fitted = new Fitted(interactions, users, items, options.Factors, options.ParallelOptions(default).MaxDegreeOfParallelism, scorers);
        return model;
    }

    private static float[] ReadFactors(ArtifactReader reader, string name, int rows, int factors)
    {
        var data = reader.ReadFloats(name, out var shape);
        if (shape.Length != 2 || shape[0] != rows || shape[1] != factors)
            throw new ModelArtifactException(
                Path.Combine(reader.DirectoryPath, name),
                $"shape [{string.Join(", ", shape)}] does not match the expected [{rows}, {factors}]");
        return data;
    }

    /// <summary>The user × item matrix with each weight replaced by its confidence alpha · r.</summary>
    private CsrMatrix ConfidenceMatrix(CsrMatrix weights)
    {
        var confidence = new float[weights.NonZeroCount];
        if (Options.BinarizeWeights)
        {
            for (var i = 0; i < confidence.Length; i++)
                confidence[i] = Options.ConfidenceOf(weights.Values[i]);
        }
        else
        {
            TensorPrimitives.Multiply(weights.Values, Options.Alpha, confidence);
        }
        return new CsrMatrix(weights.RowCount, weights.ColumnCount, weights.RowPointers, weights.ColumnIndices, confidence);
    }

    private static float[] RandomFactors(Random random, int length)
    {
        var factors = new float[length];
        for (var i = 0; i < factors.Length; i++)
            factors[i] = random.NextSingle() * InitialScale;
        return factors;
    }

    /// <summary>Sorts items, sums the weights of repeats (weight 1 when none are given), checks ranges.</summary>
    private static (int[] Items, float[] Weights) Aggregate(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int itemCount)
    {
        FoldInInput.Check(items, weights, itemCount);
        var keys = items.ToArray();
        var values = new float[keys.Length];
        for (var i = 0; i < keys.Length; i++)
            values[i] = weights.IsEmpty ? 1f : weights[i];
        Array.Sort(keys, values);
        var write = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (write > 0 && keys[write - 1] == keys[i])
            {
                values[write - 1] += values[i];
                continue;
            }
            keys[write] = keys[i];
            values[write] = values[i];
            write++;
        }
        return (keys[..write], values[..write]);
    }

    private static bool IsZero(ReadOnlySpan<float> vector) => vector.IndexOfAnyExcept(0f) < 0;

    /// <summary>Everything a fitted or loaded model serves from; replaced as a whole so readers never see a mix.</summary>
    private sealed class Fitted
    {
        public Fitted(InteractionMatrix interactions, float[] userFactors, float[] itemFactors, int factors, int threads, IEmbeddingScorerFactory? scorers)
        {
            Interactions = interactions;
            UserFactors = userFactors;
            ItemFactors = itemFactors;
            Factors = factors;
            var itemCount = interactions.ItemCount;
            Scorer = scorers?.Create(itemFactors, itemCount, factors) ?? new CpuEmbeddingScorer(itemFactors, itemCount, factors);
            NormalizedItemFactors = new float[itemFactors.Length];
            for (var i = 0; i < itemCount; i++)
            {
                var source = itemFactors.AsSpan(i * factors, factors);
                var norm = TensorPrimitives.Norm(source);
                if (norm > 0)
                    TensorPrimitives.Divide(source, norm, NormalizedItemFactors.AsSpan(i * factors, factors));
            }
            CosineScorer = scorers?.Create(NormalizedItemFactors, itemCount, factors) ?? new CpuEmbeddingScorer(NormalizedItemFactors, itemCount, factors);
            ItemGram = GramMatrix.Compute(itemFactors, itemCount, factors, new ParallelOptions { MaxDegreeOfParallelism = threads });
        }

        public InteractionMatrix Interactions { get; }
        public float[] UserFactors { get; }
        public float[] ItemFactors { get; }
        public int Factors { get; }
        public IEmbeddingScorer Scorer { get; }
        public float[] NormalizedItemFactors { get; }
        public IEmbeddingScorer CosineScorer { get; }

        /// <summary>YᵀY of the item factors, in double, for exact fold-in.</summary>
        public double[] ItemGram { get; }
    }
}
