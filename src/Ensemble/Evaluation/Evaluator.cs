using System.Diagnostics;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Evaluation;

/// <summary>
/// Offline evaluation per ../shared/PROTOCOL.md: every user with a test row gets the model's top k (the model
/// removes the user's train items), scored against that user's distinct test items. Users are recommended in
/// parallel, but each user's scores land in its own slot and are summed in user order, so the result does not
/// depend on the number of threads.
/// </summary>
public sealed class Evaluator
{
    /// <param name="k">Length of each recommendation list.</param>
    /// <param name="maxDegreeOfParallelism">Threads recommending at once; -1 lets the runtime choose.</param>
    public Evaluator(int k = 10, int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 (automatic) or a positive thread count.");
        K = k;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    public int K { get; }

    public int MaxDegreeOfParallelism { get; }

    /// <summary>Fits <paramref name="model"/> on <paramref name="train"/>, timing it, then evaluates it.</summary>
    public EvaluationResult FitAndEvaluate(IRecommender model, TrainingData train, InteractionLog test, string? modelName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        var clock = Stopwatch.StartNew();
        model.Fit(train, cancellationToken);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        return Evaluate(model, train.Matrix, test, modelName, trainSeconds, cancellationToken);
    }

    /// <summary>
    /// Evaluates a fitted model. <paramref name="test"/> should come from the same log as <paramref name="train"/>
    /// (a split); otherwise its ids are translated through the train id maps, test users unknown to train are
    /// skipped, and test items unknown to train still count in R (they can never be hit).
    /// Coverage is over the items that have at least one train interaction.
    /// </summary>
    public EvaluationResult Evaluate(IRecommender model, InteractionMatrix train, InteractionLog test, string? modelName = null, double trainSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Evaluate(modelName ?? model.Kind, (user, k) => model.Recommend(user, k), train, test, trainSeconds, cancellationToken);
    }

    /// <summary>
    /// Evaluates any recommender given as a function (user index, k) → top k without the user's train items, such as
    /// an ensemble; the rules are those of <see cref="Evaluate(IRecommender, InteractionMatrix, InteractionLog, string?, double, CancellationToken)"/>.
    /// <paramref name="recommend"/> is called from several threads at once.
    /// </summary>
    public EvaluationResult Evaluate(string name, Func<int, int, IReadOnlyList<ScoredItem>> recommend, InteractionMatrix train, InteractionLog test, double trainSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(recommend);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var relevantByUser = RelevantItemsByUser(train, test);
        var users = Enumerable.Range(0, relevantByUser.Length).Where(u => relevantByUser[u] is not null).ToArray();

        var scores = new UserRankingScores[users.Length];
        var recommendations = new IReadOnlyList<ScoredItem>[users.Length];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, users.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = MaxDegreeOfParallelism }, i =>
        {
            var user = users[i];
            var top = recommend(user, K);
            recommendations[i] = top;
            Span<int> ranked = top.Count <= 256 ? stackalloc int[top.Count] : new int[top.Count];
            for (var r = 0; r < top.Count; r++)
                ranked[r] = top[r].Item;
            scores[i] = RankingMetrics.Score(ranked, relevantByUser[user], K);
        });
        var recommendSeconds = clock.Elapsed.TotalSeconds;

        double map = 0, mapAtK = 0, ndcg = 0, precision = 0, recall = 0;
        foreach (var s in scores)
        {
            map += s.AveragePrecision;
            mapAtK += s.AveragePrecisionAtK;
            ndcg += s.Ndcg;
            precision += s.Precision;
            recall += s.Recall;
        }
        var n = Math.Max(users.Length, 1);
        var trainItems = train.ItemUserCounts().Count(c => c > 0);
        return new EvaluationResult(
            Model: name,
            Map: map / n,
            MapAtK: mapAtK / n,
            Ndcg: ndcg / n,
            Precision: precision / n,
            Recall: recall / n,
            Coverage: RankingMetrics.CatalogCoverage(recommendations, trainItems),
            Users: users.Length,
            TrainSeconds: trainSeconds,
            RecommendSeconds: recommendSeconds,
            UserNdcg: Array.ConvertAll(scores, s => s.Ndcg));
    }

    /// <summary>Each train user's distinct test items in train's index space, sorted; null for users without test rows.</summary>
    private static int[]?[] RelevantItemsByUser(InteractionMatrix train, InteractionLog test)
    {
        var sharedMaps = ReferenceEquals(test.Users, train.Users) && ReferenceEquals(test.Items, train.Items);
        var lists = new List<int>?[train.UserCount];
        Dictionary<string, int>? unknownItems = null;
        for (var row = 0; row < test.Count; row++)
        {
            int user, item;
            if (sharedMaps)
            {
                user = test.UserIndex[row];
                item = test.ItemIndex[row];
            }
            else
            {
                if (!train.Users.TryGetIndex(test.Users[test.UserIndex[row]], out user))
                    continue;
                var itemId = test.Items[test.ItemIndex[row]];
                if (!train.Items.TryGetIndex(itemId, out item))
                {
                    // An item the model cannot know: give it an index past the catalog so it counts in R but never hits.
                    unknownItems ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    if (!unknownItems.TryGetValue(itemId, out item))
                        unknownItems[itemId] = item = train.ItemCount + unknownItems.Count;
                }
            }
            (lists[user] ??= []).Add(item);
        }
        var result = new int[]?[train.UserCount];
        for (var user = 0; user < lists.Length; user++)
        {
            if (lists[user] is { } items)
                result[user] = ExclusionFilter.Sorted(items.ToArray());
        }
        return result;
    }
}
