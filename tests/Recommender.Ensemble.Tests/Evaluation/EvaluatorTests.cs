using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Evaluation;

public class EvaluatorTests
{
    /// <summary>Recommends a fixed list per user id, whatever it is fitted on.</summary>
    private sealed class FixedRecommender(Dictionary<string, string[]> lists) : IRecommender
    {
        private InteractionMatrix? _interactions;

        public string Kind => "fixed";
        public InteractionMatrix Interactions => _interactions!;
        public object Parameters => new();
        public int FitCalls { get; private set; }

        public void Fit(TrainingData data, CancellationToken cancellationToken = default)
        {
            _interactions = data.Matrix;
            FitCalls++;
        }

        public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default)
        {
            var ids = lists.GetValueOrDefault(Interactions.Users[user], []);
            return ids.Take(k).Select((id, rank) => new ScoredItem(Interactions.Items.TryGetIndex(id, out var i) ? i : throw new InvalidOperationException(id), -rank)).ToArray();
        }

        public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default) => [];
        public ScoredItem[] SimilarItems(int item, int k) => [];
        public void Save(ArtifactWriter writer) { }
    }

    private static (InteractionLog Train, InteractionLog Test) TinySplit()
    {
        // Train: u1 saw a; u2 saw b; u3 saw a, b. Test: u1 -> c, d; u2 -> c. u3 has no test rows (not evaluated).
        var log = TinyLog.Of(
            ("u1", "a", 1, 0), ("u2", "b", 1, 0), ("u3", "a", 1, 0), ("u3", "b", 1, 0),
            ("u1", "c", 1, 0), ("u1", "d", 1, 0), ("u2", "c", 1, 0), ("u3", "e", 1, 0));
        return (log.Subset([0, 1, 2, 3]), log.Subset([4, 5, 6]));
    }

    [Fact]
    public void Averages_hand_worked_user_scores_over_test_users()
    {
        var (train, test) = TinySplit();
        var model = new FixedRecommender(new()
        {
            ["u1"] = ["d", "e"], // hit at rank 1 of R = 2
            ["u2"] = ["e", "c"], // hit at rank 2 of R = 1
            ["u3"] = ["c", "d"],
        });

        var result = new Evaluator(k: 2).FitAndEvaluate(model, new TrainingData(train), test, cancellationToken: TestContext.Current.CancellationToken);

        // u1: P = 1/2, recall = 1/2, nDCG = 1 / (1 + 1/log2 3) = 0.61314719, AP = 1, MAP = 1/2, MAP@2 = 1/2.
        // u2: P = 1/2, recall = 1/1, nDCG = (1/log2 3) / 1 = 0.63092975, AP = 1/2, MAP = 1/2, MAP@2 = 1/2.
        Assert.Equal(1, model.FitCalls);
        Assert.Equal("fixed", result.Model);
        Assert.Equal(2, result.Users);
        Assert.Equal(0.5, result.Precision, 12);
        Assert.Equal(0.75, result.Recall, 12);
        Assert.Equal((0.6131471927654584 + 0.6309297535714574) / 2, result.Ndcg, 12);
        // Per user in user-index order (u1, u2); with two users the standard error is half their difference.
        Assert.Equal(2, result.UserNdcg.Count);
        Assert.Equal(0.6131471927654584, result.UserNdcg[0], 12);
        Assert.Equal(0.6309297535714574, result.UserNdcg[1], 12);
        Assert.Equal((0.6309297535714574 - 0.6131471927654584) / 2, result.NdcgStandardError, 12);
        Assert.Equal(0.5, result.Map, 12);
        Assert.Equal(0.5, result.MapAtK, 12);
        // Recommended {d, e, c} (u3 is not evaluated); train holds 2 distinct items (a, b) -> coverage 3 / 2.
        Assert.Equal(1.5, result.Coverage, 12);
        Assert.True(result.TrainSeconds >= 0 && result.RecommendSeconds >= 0);
    }

    [Fact]
    public void Test_items_unknown_to_train_count_as_relevant_when_maps_differ()
    {
        var (train, _) = TinySplit();
        // A test log with its own id maps: u1 -> c, x (x unknown to train, so R = 2 but only c can hit).
        var foreignTest = TinyLog.Of(("u1", "c", 1, 0), ("u1", "x", 1, 0), ("nobody", "c", 1, 0));
        var model = new FixedRecommender(new() { ["u1"] = ["c"] });
        model.Fit(new TrainingData(train), TestContext.Current.CancellationToken);

        var result = new Evaluator(k: 1).Evaluate(model, model.Interactions, foreignTest, cancellationToken: TestContext.Current.CancellationToken);

        // Only u1 is known: P = 1/1, recall = 1/2, MAP = 1/2.
        Assert.Equal(1, result.Users);
        Assert.Equal(1.0, result.Precision, 12);
        Assert.Equal(0.5, result.Recall, 12);
        Assert.Equal(0.5, result.Map, 12);
    }

    [Fact]
    public void Result_does_not_depend_on_the_number_of_threads()
    {
        var log = TinyLog.Of(Enumerable.Range(0, 600).Select(i => ($"u{i % 60}", $"i{(i * 7) % 97}", 1f, (long)i)).ToArray());
        var (train, test) = new Recommender.Ensemble.Splits.StratifiedSplitter(0.75, Recommender.Ensemble.Splits.StratifyBy.User).Split(log);
        var model = new PopularityRecommender();
        model.Fit(new TrainingData(train), TestContext.Current.CancellationToken);

        var one = new Evaluator(10, maxDegreeOfParallelism: 1).Evaluate(model, model.Interactions, test, cancellationToken: TestContext.Current.CancellationToken);
        var many = new Evaluator(10, maxDegreeOfParallelism: 4).Evaluate(model, model.Interactions, test, cancellationToken: TestContext.Current.CancellationToken);

        // Per-user values compared by content (a record compares its list by reference), the rest as records.
        Assert.Equal(one.UserNdcg, many.UserNdcg);
        Assert.Equal(one with { RecommendSeconds = 0, UserNdcg = one.UserNdcg }, many with { RecommendSeconds = 0, UserNdcg = one.UserNdcg });
    }
}
