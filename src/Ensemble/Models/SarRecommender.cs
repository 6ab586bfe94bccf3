using System.Buffers;
using System.Numerics.Tensors;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// Simple Algorithm for Recommendation, matching Microsoft Recommenders' <c>SARSingleNode</c>
/// (recommenders/models/sar/sar_singlenode.py), which the benchmark table's SAR row comes from:
/// <list type="bullet">
/// <item>Affinity a_ui = Σ over the user's events on i of weight · min(1, 2^(−(t_now − t) / T)), decay applied per
/// event before duplicates are summed (<c>compute_time_decay</c>: <c>exponential_decay</c>, then groupby-sum), with
/// t_now the latest timestamp in train unless <see cref="SarOptions.TimeNow"/> says otherwise. Without decay it is
/// the sum of the weights.</item>
/// <item>Co-occurrence C = BᵀB over the binarised user × item matrix; counts below the threshold become 0, the
/// diagonal included (<c>compute_cooccurrence_matrix</c>); similarity per <see cref="SimilarityType"/> from C and
/// its diagonal (<c>jaccard</c>, <c>lift</c> in python_utils.py).</item>
/// <item>Scores = affinity row × similarity; seen items removed (<c>score</c> with remove_seen).</item>
/// </list>
/// The similarity is a dense items × items float matrix (symmetric, so row i is also column i): simple and the
/// fastest to score from, but items² floats, so catalogs above <see cref="SarOptions.MaxItems"/> are refused.
/// </summary>
public sealed class SarRecommender : IRecommender
{
    private const string SimilarityTensor = "similarity";
    private const string AffinityPointersTensor = "affinity_row_pointers";
    private const string AffinityColumnsTensor = "affinity_columns";
    private const string AffinityValuesTensor = "affinity_values";
    private const string ReferenceTimeTensor = "reference_time";
    private const double SecondsPerDay = 24 * 60 * 60;

    private InteractionMatrix? _interactions;
    private CsrMatrix? _affinity;
    private float[] _similarity = [];
    private int _itemCount;

    public SarRecommender(SarOptions? options = null)
    {
        Options = options ?? new SarOptions();
    }

    public SarOptions Options { get; }

    public string Kind => "sar";

    public InteractionMatrix Interactions => _interactions ?? throw NotFitted();

    public object Parameters => Options;

    /// <summary>The Unix time affinities were decayed back from (the latest train timestamp by default).</summary>
    public long ReferenceTime { get; private set; }

    /// <summary>Time-decayed user × item affinity.</summary>
    public CsrMatrix Affinity => _affinity ?? throw NotFitted();

    /// <summary>Row <paramref name="item"/> of the item × item similarity.</summary>
    public ReadOnlySpan<float> SimilarityRow(int item) => _similarity.AsSpan(checked(item * _itemCount), _itemCount);

    public void Fit(TrainingData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var matrix = data.Matrix;
        var n = matrix.ItemCount;
        if (n > Options.MaxItems)
            throw new NotSupportedException(
                $"SAR keeps a dense item × item similarity: {n:N0} items would need {(double)n * n * sizeof(float) / (1L << 30):F1} GiB, " +
                $"above the limit of {Options.MaxItems:N0} items (SarOptions.MaxItems). Use an embedding model (ALS, EASE) for this catalog.");

        var referenceTime = Options.TimeNow ?? LatestTimestamp(data.Log);
        var affinity = ComputeAffinity(data.Log, referenceTime);
        cancellationToken.ThrowIfCancellationRequested();
        var similarity = ComputeCooccurrence(matrix, cancellationToken);
        ToSimilarity(similarity, n, Options.SupportThreshold, Options.Similarity, cancellationToken);

        _affinity = affinity;
        _similarity = similarity;
        _itemCount = n;
        ReferenceTime = referenceTime;
        _interactions = matrix;
    }

    public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
    {
        var interactions = Interactions;
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, interactions.UserCount);
        return ScoreAndSelect(_affinity!.RowIndices(user), _affinity.RowValues(user), k, new ExclusionFilter(interactions.ItemsOf(user), exclude));
    }

    /// <summary>Fold-in: the given items and weights (1 when empty) stand in for an affinity row, as the reference's
    /// <c>get_item_based_topk</c> does; the given items are excluded.</summary>
    public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default)
    {
        _ = Interactions;
        FoldInInput.Check(items, weights, _itemCount);
        var seen = ExclusionFilter.Sorted(items);
        return ScoreAndSelect(items, weights, k, new ExclusionFilter(seen, exclude));
    }

    /// <summary>Items by similarity to <paramref name="item"/>; only items with a positive similarity, so possibly fewer than k.</summary>
    public ScoredItem[] SimilarItems(int item, int k)
    {
        _ = Interactions;
        ValidateItem(item);
        var top = TopK.Select(SimilarityRow(item), k, new ExclusionFilter([item]));
        return Array.FindAll(top, s => s.Score > 0);
    }

    public void Save(ArtifactWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var affinity = Affinity;
        writer.WriteFloats(SimilarityTensor, _similarity, _itemCount, _itemCount);
        writer.WriteInts(AffinityPointersTensor, affinity.RowPointers);
        writer.WriteInts(AffinityColumnsTensor, affinity.ColumnIndices);
        writer.WriteFloats(AffinityValuesTensor, affinity.Values);
        writer.WriteLongs(ReferenceTimeTensor, [ReferenceTime]);
    }

    /// <summary>Restores a model written by <see cref="Save"/>; <paramref name="parameters"/> is its <see cref="SarOptions"/>.</summary>
    public static SarRecommender Load(ArtifactReader reader, InteractionMatrix interactions, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(interactions);
        var options = parameters.ValueKind == JsonValueKind.Object
            ? parameters.Deserialize<SarOptions>(JsonSerializerOptions.Web) ?? new SarOptions()
            : new SarOptions();
        var n = interactions.ItemCount;
        var similarity = reader.ReadFloats(SimilarityTensor, out var shape);
        if (shape is not [var rows, var columns] || rows != n || columns != n)
            throw new ModelArtifactException(TensorPath(reader, SimilarityTensor), $"has shape [{string.Join(", ", shape)}], expected [{n}, {n}] for the interaction matrix");
        var pointers = reader.ReadInts(AffinityPointersTensor);
        var columnIndices = reader.ReadInts(AffinityColumnsTensor);
        var values = reader.ReadFloats(AffinityValuesTensor);
        if (pointers.Length != interactions.UserCount + 1 || columnIndices.Length != values.Length || pointers[^1] != values.Length)
            throw new ModelArtifactException(TensorPath(reader, AffinityPointersTensor), $"the affinity tensors do not describe a {interactions.UserCount} × {n} matrix");
        var times = reader.ReadLongs(ReferenceTimeTensor);
        return new SarRecommender(options)
        {
            _interactions = interactions,
            _affinity = new CsrMatrix(interactions.UserCount, n, pointers, columnIndices, values),
            _similarity = similarity,
            _itemCount = n,
            ReferenceTime = times.Length == 1 ? times[0] : throw new ModelArtifactException(TensorPath(reader, ReferenceTimeTensor), "expected one value"),
        };
    }

    /// <summary>Σ_i w_i · similarity row i — a sparse row times the dense matrix, one SIMD multiply-add per item.</summary>
    private ScoredItem[] ScoreAndSelect(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ExclusionFilter exclude)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var buffer = ArrayPool<float>.Shared.Rent(_itemCount);
        try
        {
            var scores = buffer.AsSpan(0, _itemCount);
            scores.Clear();
            for (var i = 0; i < items.Length; i++)
                TensorPrimitives.MultiplyAdd(SimilarityRow(items[i]), weights.IsEmpty ? 1f : weights[i], scores, scores);
            return TopK.Select(scores, k, exclude);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private CsrMatrix ComputeAffinity(InteractionLog log, long referenceTime)
    {
        var values = new float[log.Count];
        var halfLifeSeconds = Options.TimeDecayHalfLifeDays * SecondsPerDay;
        for (var row = 0; row < values.Length; row++)
        {
            // min(1, ·) as the reference's exponential_decay: events after the reference time are not boosted.
            var decay = Options.TimeDecay ? Math.Min(1.0, Math.Pow(0.5, (referenceTime - log.Timestamp[row]) / halfLifeSeconds)) : 1.0;
            values[row] = (float)(log.Weight[row] * decay);
        }
        return CsrMatrix.FromCoordinates(log.Users.Count, log.Items.Count, log.UserIndex, log.ItemIndex, values);
    }

    /// <summary>
    /// C = BᵀB, row by row: row i of C is the sum of the item rows of the users who interacted with i (the per-user
    /// outer products, grouped by row). Each thread owns whole rows, so there are no atomics, no per-thread n²
    /// buffers, and the counts do not depend on scheduling. Counts are exact in float up to 2^24 users.
    /// </summary>
    private static float[] ComputeCooccurrence(InteractionMatrix matrix, CancellationToken cancellationToken)
    {
        var n = matrix.ItemCount;
        var cooccurrence = new float[checked(n * n)];
        var usersByItem = matrix.ByUser.Transpose();
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, item =>
        {
            var row = cooccurrence.AsSpan(item * n, n);
            foreach (var user in usersByItem.RowIndices(item))
            {
                foreach (var other in matrix.ItemsOf(user))
                    row[other] += 1;
            }
        });
        return cooccurrence;
    }

    /// <summary>Applies the support threshold to C (diagonal included), then turns it into similarity in place.</summary>
    private static void ToSimilarity(float[] cooccurrence, int n, int threshold, SimilarityType type, CancellationToken cancellationToken)
    {
        if (threshold > 1)
        {
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, item =>
            {
                foreach (ref var c in cooccurrence.AsSpan(item * n, n))
                {
                    if (c < threshold)
                        c = 0;
                }
            });
        }
        if (type == SimilarityType.Cooccurrence)
            return;

        var frequency = new float[n];
        for (var i = 0; i < n; i++)
            frequency[i] = cooccurrence[i * n + i];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, () => new float[n], (item, _, denominator) =>
        {
            var row = cooccurrence.AsSpan(item * n, n);
            if (frequency[item] == 0)
            {
                row.Clear();
                return denominator;
            }
            if (type == SimilarityType.Jaccard)
            {
                TensorPrimitives.Add(frequency, frequency[item], denominator);
                TensorPrimitives.Subtract(denominator, row, denominator);
            }
            else
            {
                TensorPrimitives.Multiply(frequency, frequency[item], denominator);
            }
            // A denominator is 0 only where c_ij is 0 too (an item nobody had); counts are integers, so lifting
            // every denominator to at least 1 turns those 0/0 into 0 and changes nothing else.
            TensorPrimitives.Max(denominator, 1f, denominator);
            TensorPrimitives.Divide(row, denominator, row);
            return denominator;
        }, _ => { });
    }

    private static long LatestTimestamp(InteractionLog log) => log.Count == 0 ? 0 : log.Timestamp.Max();

    private void ValidateItem(int item)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, _itemCount);
    }

    private static string TensorPath(ArtifactReader reader, string name) => Path.Combine(reader.DirectoryPath, name + ".tensor");

    private static InvalidOperationException NotFitted() => new("The SAR model has not been fitted.");
}
