using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Strategies;
using Recommender.Ensemble.Tests.Data;

namespace Recommender.Ensemble.Tests.Strategies;

public class LearnedRankerTests
{
    private static readonly LearnedRankerOptions SmallTrees = new(poolSize: PlantedWorld.PoolSize, trees: 30, leaves: 4, minExamplesPerLeaf: 20);

    private static readonly Lazy<LearnedRanker> Trained = new(() =>
    {
        var world = new PlantedWorld(users: 200, seed: 1);
        return LearnedRankerTrainer.Train(world.Generator, world.Features, world.Validation, SmallTrees);
    });

    /// <summary>A ranker trained on the planted world (shared: training is deterministic and the ranker immutable).</summary>
    internal static LearnedRanker PlantedRanker() => Trained.Value;

    private static double MeanNdcg(PlantedWorld world, IEnsembleStrategy strategy)
    {
        var total = 0.0;
        for (var user = 0; user < world.Relevant.Length; user++)
        {
            var ranked = strategy.Combine(world.Generator.For(user, PlantedWorld.PoolSize), 10, world.Context(user));
            total += RankingMetrics.NdcgAtK(Lists.Items(ranked), world.Relevant[user], 10);
        }
        return total / world.Relevant.Length;
    }

    [Fact]
    public void The_ranker_learns_which_source_carries_the_planted_signal()
    {
        var unseen = new PlantedWorld(users: 100, seed: 2);
        var learned = MeanNdcg(unseen, new LearnedRankerStrategy(PlantedRanker()));
        var trustingNoise = MeanNdcg(unseen, new CascadeStrategy(new CascadeOptions(["noise"])));

        // Ranking by the signal is perfect (every relevant item outscores every other), by noise random: about
        // 10 relevant of 40 gives nDCG@10 near 0.25.
        Assert.True(learned > 0.97, $"learned nDCG@10 {learned:F3}");
        Assert.InRange(trustingNoise, 0.1, 0.4);
        Assert.Equal(["noise", "signal"], PlantedRanker().Sources);
        Assert.Equal(200, PlantedRanker().TrainingGroups);
        Assert.Equal(200 * PlantedWorld.PoolSize, PlantedRanker().TrainingRows);
    }

    [Fact]
    public void The_strategy_needs_item_features()
    {
        var world = new PlantedWorld(users: 3, seed: 3);
        var strategy = new LearnedRankerStrategy(PlantedRanker());

        var error = Assert.Throws<ArgumentException>(() => strategy.Combine(world.Generator.For(0, 10), 10, StrategyContext.Anonymous));
        Assert.Equal("context", error.ParamName);
    }

    [Fact]
    public void A_ranker_saved_to_the_registry_loads_and_scores_identically()
    {
        using var folder = new TempFolder();
        var registry = new ModelRegistry(folder.Path, ModelPresets.Kinds);
        var ranker = PlantedRanker();
        var world = new PlantedWorld(users: 20, seed: 4);

        var manifest = registry.PublishRanker("ranker", ranker, "data-fp", new Dictionary<string, double> { ["ndcg@10"] = 0.9 });
        var (loadedManifest, loaded) = registry.LoadRanker("ranker");

        Assert.Equal(LearnedRanker.KindName, loadedManifest.Kind);
        Assert.Equal("1", manifest.Version);
        Assert.Equal(ranker.TrainingGroups, loadedManifest.Users);
        Assert.Equal(ranker.TrainingRows, loadedManifest.Interactions);
        Assert.Equal(ranker.Sources, loaded.Sources);
        Assert.Equal(ranker.Layout.Names, loaded.Layout.Names);
        Assert.Equal(ranker.Training, loaded.Training);
        Assert.Equal(ranker.TreeCount, loaded.TreeCount);
        for (var user = 0; user < 20; user++)
        {
            var lists = world.Generator.For(user, PlantedWorld.PoolSize);
            var features = ranker.Layout.Build(lists, CandidatePool.Build(lists), world.Context(user));
            Assert.Equal(ranker.Score(features), loaded.Score(features));
            Assert.Equal(new LearnedRankerStrategy(ranker).Combine(lists, 10, world.Context(user)),
                new LearnedRankerStrategy(loaded).Combine(lists, 10, world.Context(user)), new CandidateComparer());
        }
    }

    [Fact]
    public void A_corrupt_ranker_file_or_a_recommender_version_is_refused()
    {
        using var folder = new TempFolder();
        var registry = new ModelRegistry(folder.Path, ModelPresets.Kinds);
        var manifest = registry.PublishRanker("ranker", PlantedRanker(), "data-fp");
        var thresholds = Path.Combine(folder.Path, "ranker", manifest.Version, "ranker.threshold.tensor");
        var bytes = File.ReadAllBytes(thresholds);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(thresholds, bytes);

        var corrupt = Assert.Throws<ModelArtifactException>(() => registry.LoadRanker("ranker"));
        Assert.Contains("checksum", corrupt.Reason, StringComparison.Ordinal);
        // A ranker is not a recommender: loading it as one names the kind.
        var asModel = Assert.Throws<ModelArtifactException>(() => registry.Load("ranker"));
        Assert.Contains("unknown model kind 'ranker'", asModel.Reason, StringComparison.Ordinal);
    }

    private sealed class CandidateComparer : IEqualityComparer<EnsembleCandidate>
    {
        public bool Equals(EnsembleCandidate? x, EnsembleCandidate? y) =>
            x is not null && y is not null && x.Item == y.Item && x.Score.Equals(y.Score) && x.Sources.SequenceEqual(y.Sources);

        public int GetHashCode(EnsembleCandidate obj) => obj.Item;
    }
}
