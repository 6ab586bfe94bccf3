using System.Buffers;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// RP3β (Paudel, Christoffel, Newell and Bernstein 2017, "Updatable, accurate, diverse, and scalable recommendations
/// for interactive applications"), as the reference implementation of Ferrari Dacrema et al. 2019 computes it: a
/// three-step random walk user → item → user → item on the bipartite interaction graph. With P_uj = x_uj / Σ_l x_ul
/// (user to item, following the interaction weights unless binarised) and P_iu = 1 / degree(i) for each of item i's
/// users (item to user: the reference walks back uniformly), each raised element-wise to α, the item graph is
/// W_ij = Σ_u P_iu^α · P_uj^α / degree(j)^β with W_ii = 0, where degree counts an item's users, and each row keeps
/// its <see cref="Rp3BetaOptions.Neighbors"/> strongest edges. A user's scores are x_u·W (the walk's arrival probabilities, popularity-discounted), so folding
/// in a new user is exact. It ranks by graph proximity rather than by a least-squares fit, which makes it a
/// different voice from ALS and EASE in an ensemble. W is sparse (items × neighbours), so any catalogue fits.
/// </summary>
public sealed class Rp3BetaRecommender : IRecommender
{
    private const string PointersTensor = "graph_row_pointers";
    private const string ColumnsTensor = "graph_columns";
    private const string ValuesTensor = "graph_values";

    private Fitted? _fitted;

    public Rp3BetaRecommender(Rp3BetaOptions? options = null)
    {
        Options = options ?? new Rp3BetaOptions();
    }

    public Rp3BetaOptions Options { get; }

    public string Kind => "rp3beta";

    public InteractionMatrix Interactions => State.Interactions;

    public object Parameters => Options;

    /// <summary>The pruned item graph W: row i holds what interacting with item i adds to each item's score.</summary>
    public CsrMatrix Graph => State.Graph;

    private Fitted State => _fitted ?? throw new InvalidOperationException("The RP3β model has not been fitted or loaded.");

    public void Fit(TrainingData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Fit(data.Matrix, cancellationToken);
    }

    /// <summary>Fits on <paramref name="matrix"/>; on cancellation the model keeps its previous state.</summary>
    public void Fit(InteractionMatrix matrix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var byUser = matrix.ByUser;
        var byItem = byUser.Transpose();
        var n = matrix.ItemCount;
        var alpha = (double)Options.Alpha;

        // Row sums of X (user degrees), in the weights the options say.
        var userDegree = new double[matrix.UserCount];
        for (var u = 0; u < matrix.UserCount; u++)
        {
            foreach (var w in byUser.RowValues(u))
                userDegree[u] += Options.ValueOf(w);
        }
        // Item degree is the number of users, whatever the weights (as the reference's binarised item side).
        var itemDegree = new double[n];
        var popularityDiscount = new double[n];
        for (var i = 0; i < n; i++)
        {
            itemDegree[i] = byItem.RowLength(i);
            // Items nobody interacted with have no in-edges, so their discount is never used; 1 keeps it finite.
            popularityDiscount[i] = itemDegree[i] > 0 ? Math.Pow(itemDegree[i], -Options.Beta) : 1;
        }

        // P_uj^α per non-zero of X, in X's row layout: the inner loop of the walk reads it once per (i, u) pair.
        var userStep = new double[byUser.NonZeroCount];
        for (var u = 0; u < matrix.UserCount; u++)
        {
            var start = byUser.RowPointers[u];
            var values = byUser.RowValues(u);
            for (var t = 0; t < values.Length; t++)
                userStep[start + t] = Math.Pow(Options.ValueOf(values[t]) / userDegree[u], alpha);
        }

        var rows = new ScoredItem[n][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken },
            () => new double[n],
            (i, _, walk) =>
            {
                walk.AsSpan().Clear();
                var users = byItem.RowIndices(i);
                var toUser = Math.Pow(1 / itemDegree[i], alpha);
                for (var e = 0; e < users.Length; e++)
                {
                    var u = users[e];
                    var items = byUser.RowIndices(u);
                    var steps = userStep.AsSpan(byUser.RowPointers[u], items.Length);
                    for (var t = 0; t < items.Length; t++)
                        walk[items[t]] += toUser * steps[t];
                }
                rows[i] = StrongestEdges(walk, popularityDiscount, i, Options.Neighbors);
                return walk;
            },
            _ => { });

        _fitted = new Fitted(matrix, ToCsr(rows, n));
    }

    public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(user, state.Interactions.UserCount);
        var items = state.Interactions.ItemsOf(user);
        if (k <= 0 || items.IsEmpty)
            return [];
        return ScoreAndSelect(state, items, state.Interactions.WeightsOf(user), k, new ExclusionFilter(items, exclude));
    }

    /// <summary>Scores x·W with x built from the given items (exact for RP3β); repeated items add up unless binarised.</summary>
    public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default)
    {
        var state = State;
        var n = state.Interactions.ItemCount;
        FoldInInput.Check(items, weights, n);
        if (k <= 0 || items.IsEmpty)
            return [];
        var seen = ExclusionFilter.Sorted(items);
        if (Options.BinarizeWeights || weights.IsEmpty)
        {
            // Binarised X holds 1 per distinct item; unweighted input means weight 1 per mention.
            var source = Options.BinarizeWeights ? seen : items;
            var ones = new float[source.Length];
            ones.AsSpan().Fill(1f);
            return ScoreAndSelect(state, source, ones, k, new ExclusionFilter(seen, exclude));
        }
        return ScoreAndSelect(state, items, weights, k, new ExclusionFilter(seen, exclude));
    }

    /// <summary>Row i of W: where the walk from item i arrives (popularity-discounted); only items with an edge, so possibly fewer than k.</summary>
    public ScoredItem[] SimilarItems(int item, int k)
    {
        var state = State;
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, state.Interactions.ItemCount);
        if (k <= 0)
            return [];
        var columns = state.Graph.RowIndices(item);
        var values = state.Graph.RowValues(item);
        var edges = new ScoredItem[columns.Length];
        for (var e = 0; e < edges.Length; e++)
            edges[e] = new ScoredItem(columns[e], values[e]);
        // Best first; ties to the lower index, as TopK orders them.
        Array.Sort(edges, (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Item.CompareTo(b.Item));
        return edges.Length <= k ? edges : edges[..k];
    }

    public void Save(ArtifactWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var graph = State.Graph;
        writer.WriteInts(PointersTensor, graph.RowPointers);
        writer.WriteInts(ColumnsTensor, graph.ColumnIndices);
        writer.WriteFloats(ValuesTensor, graph.Values);
    }

    /// <summary>Restores a model written by <see cref="Save"/>; <paramref name="parameters"/> is its <see cref="Parameters"/> as JSON.</summary>
    public static Rp3BetaRecommender Load(ArtifactReader reader, InteractionMatrix interactions, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(interactions);
        var options = parameters.Deserialize<Rp3BetaOptions>(JsonSerializerOptions.Web)
            ?? throw new ModelArtifactException(reader.DirectoryPath, "RP3β parameters are missing");
        var n = interactions.ItemCount;
        var pointers = reader.ReadInts(PointersTensor);
        var columns = reader.ReadInts(ColumnsTensor);
        var values = reader.ReadFloats(ValuesTensor);
        if (pointers.Length != n + 1 || columns.Length != values.Length || pointers[^1] != values.Length || pointers[0] != 0)
            throw new ModelArtifactException(Path.Combine(reader.DirectoryPath, PointersTensor), $"the graph tensors do not describe a {n} × {n} matrix");
        foreach (var column in columns)
        {
            if ((uint)column >= (uint)n)
                throw new ModelArtifactException(Path.Combine(reader.DirectoryPath, ColumnsTensor), $"column {column} lies outside 0..{n - 1}");
        }
        var model = new Rp3BetaRecommender(options);
        model._fitted = new Fitted(interactions, new CsrMatrix(n, n, pointers, columns, values));
        return model;
    }

    /// <summary>
    /// The <paramref name="neighbors"/> largest positive entries of walk ⊙ discount, the item itself excluded; sorted by
    /// item index for the CSR row.
    /// </summary>
    private static ScoredItem[] StrongestEdges(double[] walk, double[] discount, int self, int neighbors)
    {
        var weighted = ArrayPool<float>.Shared.Rent(walk.Length);
        try
        {
            var row = weighted.AsSpan(0, walk.Length);
            for (var j = 0; j < row.Length; j++)
                row[j] = (float)(walk[j] * discount[j]);
            ReadOnlySpan<int> itself = [self];
            var top = TopK.Select(row, neighbors, new ExclusionFilter(itself));
            var edges = Array.FindAll(top, s => s.Score > 0);
            Array.Sort(edges, (a, b) => a.Item.CompareTo(b.Item));
            return edges;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(weighted);
        }
    }

    private static CsrMatrix ToCsr(ScoredItem[][] rows, int n)
    {
        var pointers = new int[n + 1];
        for (var i = 0; i < n; i++)
            pointers[i + 1] = pointers[i] + rows[i].Length;
        var columns = new int[pointers[n]];
        var values = new float[pointers[n]];
        for (var i = 0; i < n; i++)
        {
            for (var e = 0; e < rows[i].Length; e++)
            {
                columns[pointers[i] + e] = rows[i][e].Item;
                values[pointers[i] + e] = rows[i][e].Score;
            }
        }
        return new CsrMatrix(n, n, pointers, columns, values);
    }

    /// <summary>x·W over the sparse rows of the given items, then the top k not excluded.</summary>
    private ScoredItem[] ScoreAndSelect(Fitted state, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ExclusionFilter exclude)
    {
        // Rented: the request path scores every item per call; only the first n entries are meaningful.
        var n = state.Interactions.ItemCount;
        var scores = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var row = scores.AsSpan(0, n);
            row.Clear();
            for (var e = 0; e < items.Length; e++)
            {
                var x = Options.ValueOf(weights[e]);
                var columns = state.Graph.RowIndices(items[e]);
                var values = state.Graph.RowValues(items[e]);
                for (var t = 0; t < columns.Length; t++)
                    row[columns[t]] += x * values[t];
            }
            return TopK.Select(row, k, exclude);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private sealed class Fitted(InteractionMatrix interactions, CsrMatrix graph)
    {
        public InteractionMatrix Interactions { get; } = interactions;
        public CsrMatrix Graph { get; } = graph;
    }
}
