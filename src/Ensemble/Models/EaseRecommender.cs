using System.Buffers;
using System.Numerics.Tensors;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Numerics;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): the item × item weight matrix
/// B = argmin ‖X − XB‖² + λ‖B‖² subject to diag(B) = 0, in closed form: P = (XᵀX + λI)⁻¹, B = −P / diag(P)
/// (column j divided by P_jj), diag(B) = 0. A user's scores are x_u·B, so folding in a new user is exact: their
/// item vector is all the model needs. B is dense, so the catalogue is limited to <see cref="MaxItems"/>.
/// </summary>
public sealed class EaseRecommender : IRecommender
{
    /// <summary>Largest catalogue accepted: fitting holds an n × n double matrix (3.2 GB at 20,000 items).</summary>
    public const int MaxItems = 20_000;

    private const string WeightsTensor = "weights";
    private const int StripRows = 64;

    private Fitted? _fitted;

    public EaseRecommender(EaseOptions? options = null)
    {
        Options = options ?? new EaseOptions();
    }

    public EaseOptions Options { get; }

    public string Kind => "ease";

    public InteractionMatrix Interactions => State.Interactions;

    public object Parameters => Options;

    /// <summary>B, row-major items × items: row i holds what interacting with item i adds to every item's score.</summary>
    public ReadOnlySpan<float> Weights => State.Weights;

    private Fitted State => _fitted ?? throw new InvalidOperationException("The EASE model has not been fitted or loaded.");

    /// <summary>Fits on the data's matrix; with <see cref="EaseOptions.TimeScaleMinutes"/> set, co-occurrences are
    /// weighted by the log's timestamps (each user–item pair at its latest interaction).</summary>
    public void Fit(TrainingData data, CancellationToken cancellationToken = default) =>
        Fit(data.Matrix, Options.WeighsByTime ? data.Matrix.LatestTimestamps(data.Log) : null, cancellationToken);

    /// <summary>Fits on <paramref name="matrix"/>; on cancellation the model keeps its previous state.</summary>
    /// <exception cref="NotSupportedException">More than <see cref="MaxItems"/> items.</exception>
    /// <exception cref="InvalidOperationException">The options weigh co-occurrence by time, which needs the
    /// interaction log: fit with <see cref="TrainingData"/>.</exception>
    public void Fit(InteractionMatrix matrix, CancellationToken cancellationToken = default)
    {
        if (Options.WeighsByTime)
            throw new InvalidOperationException(
                $"EASE with a time scale ({Options.TimeScaleMinutes} minutes) needs interaction times: fit it with TrainingData, which holds the log.");
        Fit(matrix, times: null, cancellationToken);
    }

    /// <param name="times">Per stored entry of the matrix, its timestamp; null for plain XᵀX.</param>
    private void Fit(InteractionMatrix matrix, long[]? times, CancellationToken cancellationToken)
    {
        var n = matrix.ItemCount;
        if (n > MaxItems)
            throw new NotSupportedException(
                $"EASE needs a dense {n:N0} × {n:N0} item matrix ({8.0 * n * n / 1e9:F1} GB while fitting); it accepts at most " +
                $"{MaxItems:N0} items. Use ALS for this catalogue, or restrict EASE to the most popular items.");
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        var gram = RegularizedGram(matrix.ByUser, times, parallel);
        SymmetricInverse.Invert(gram, n, parallel);
        // B = −P / diag(P) column-wise: multiply each row by the reciprocals of the diagonal, kept contiguous.
        var negativeReciprocal = new double[n];
        for (var j = 0; j < n; j++)
            negativeReciprocal[j] = -1.0 / gram[j * n + j];
        var weights = new float[n * n];
        Parallel.For(0, (n + StripRows - 1) / StripRows, parallel, s =>
        {
            var end = Math.Min((s + 1) * StripRows, n);
            for (var i = s * StripRows; i < end; i++)
            {
                var source = gram.AsSpan(i * n, n);
                var target = weights.AsSpan(i * n, n);
                for (var j = 0; j < n; j++)
                    target[j] = (float)(source[j] * negativeReciprocal[j]);
                target[i] = 0f;
            }
        });
        _fitted = new Fitted(matrix, weights);
    }

    public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, state.Interactions.UserCount);
        var items = state.Interactions.ItemsOf(user);
        if (k <= 0 || items.IsEmpty)
            return [];
        var scores = Score(state, items, state.Interactions.WeightsOf(user));
        try
        {
            return TopK.SelectOverwriting(scores.AsSpan(0, state.Interactions.ItemCount), k, new ExclusionFilter(items, exclude));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>Scores x·B with x built from the given items (exact for EASE); repeated items add up.</summary>
    public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        var n = state.Interactions.ItemCount;
        FoldInInput.Check(items, weights, n);
        if (k <= 0 || items.IsEmpty)
            return [];
        var seen = ExclusionFilter.Sorted(items);
        float[] scores;
        if (Options.BinarizeWeights || weights.IsEmpty)
        {
            // Binarised X holds 1 per distinct item; unweighted input means weight 1 per mention.
            scores = Score(state, Options.BinarizeWeights ? seen : items, []);
        }
        else
        {
            scores = Score(state, items, weights);
        }
        try
        {
            return TopK.SelectOverwriting(scores.AsSpan(0, n), k, new ExclusionFilter(seen, exclude));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// Row i of B: the scores EASE gives someone whose only interaction is item i (so similar items are exactly what
    /// <see cref="RecommendFromItems"/> returns for [i]). B's rows are not symmetric: "people with i also get j".
    /// </summary>
    public ScoredItem[] SimilarItems(int item, int k)
    {
        var state = State;
        var n = state.Interactions.ItemCount;
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, n);
        if (k <= 0)
            return [];
        ReadOnlySpan<int> self = [item];
        return TopK.Select(state.Weights.AsSpan(item * n, n), k, new ExclusionFilter(self));
    }

    public void Save(ArtifactWriter writer)
    {
        var state = State;
        var n = state.Interactions.ItemCount;
        writer.WriteFloats(WeightsTensor, state.Weights, n, n);
    }

    /// <summary>Restores a model written by <see cref="Save"/>; <paramref name="parameters"/> is its <see cref="Parameters"/> as JSON.</summary>
    public static EaseRecommender Load(ArtifactReader reader, InteractionMatrix interactions, JsonElement parameters)
    {
        var options = parameters.Deserialize<EaseOptions>(JsonSerializerOptions.Web)
            ?? throw new ModelArtifactException(reader.DirectoryPath, "EASE parameters are missing");
        var weights = reader.ReadFloats(WeightsTensor, out var shape);
        var n = interactions.ItemCount;
        if (shape.Length != 2 || shape[0] != n || shape[1] != n)
            throw new ModelArtifactException(
                Path.Combine(reader.DirectoryPath, WeightsTensor),
                $"shape [{string.Join(", ", shape)}] does not match the expected [{n}, {n}]");
        var model = new EaseRecommender(options);
        model._fitted = new Fitted(interactions, weights);
        return model;
    }

    /// <summary>
    /// Lower triangle of XᵀX + λI in double. Row i of the Gram matrix is Σ over the users u of item i of
    /// x_ui · x_u (their sparse rows, cut at column i), so rows are independent and built in parallel without locks.
    /// With <paramref name="times"/>, each product x_ui · x_uj is weighted by exp(−|t_ui − t_uj| / scale).
    /// </summary>
    private double[] RegularizedGram(CsrMatrix byUser, long[]? times, ParallelOptions parallel)
    {
        var n = byUser.ColumnCount;
        var byItem = byUser.Transpose();
        var inverseScaleSeconds = times is null ? 0.0 : 1.0 / (60.0 * Options.TimeScaleMinutes);
        var gram = new double[(long)n * n];
        Parallel.For(0, (n + StripRows - 1) / StripRows, parallel, s =>
        {
            var end = Math.Min((s + 1) * StripRows, n);
            for (var i = s * StripRows; i < end; i++)
            {
                var row = gram.AsSpan(i * n, i + 1);
                var users = byItem.RowIndices(i);
                var userWeights = byItem.RowValues(i);
                for (var e = 0; e < users.Length; e++)
                {
                    double xi = Options.ValueOf(userWeights[e]);
                    var items = byUser.RowIndices(users[e]);
                    var values = byUser.RowValues(users[e]);
                    // A user's items are sorted: stop at the diagonal.
                    if (times is null)
                    {
                        for (var t = 0; t < items.Length && items[t] <= i; t++)
                            row[items[t]] += xi * Options.ValueOf(values[t]);
                    }
                    else
                    {
                        var itemTimes = times.AsSpan(byUser.RowPointers[users[e]], items.Length);
                        var ti = itemTimes[items.BinarySearch(i)];
                        for (var t = 0; t < items.Length && items[t] <= i; t++)
                            row[items[t]] += xi * Options.ValueOf(values[t]) * Math.Exp(-Math.Abs(ti - itemTimes[t]) * inverseScaleSeconds);
                    }
                }
                row[i] += Options.Lambda;
            }
        });
        return gram;
    }

    /// <summary>x·B for a sparse x (the given items with their weights, binarised if the options say so).</summary>
    /// <param name="weights">Per item, or empty for weight 1 each.</param>
    private float[] Score(Fitted state, ReadOnlySpan<int> items, ReadOnlySpan<float> weights)
    {
        // Rented: the request path scores every item per call, and a fresh array per request is mostly GC work.
        // The caller returns it to the pool; only the first n entries are meaningful.
        var n = state.Interactions.ItemCount;
        var scores = ArrayPool<float>.Shared.Rent(n);
        var row = scores.AsSpan(0, n);
        row.Clear();
        RowSum.Accumulate(state.Weights, n, items, Options.BinarizeWeights ? [] : weights, row);
        return scores;
    }

    private sealed class Fitted(InteractionMatrix interactions, float[] weights)
    {
        public InteractionMatrix Interactions { get; } = interactions;
        public float[] Weights { get; } = weights;
    }
}
