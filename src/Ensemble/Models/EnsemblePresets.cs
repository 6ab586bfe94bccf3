using System.Text.Json;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Models;

/// <summary>
/// The ensemble strategies `evaluate` reports and the service offers as ready variants, with parameters chosen by
/// <see cref="Tuning.EnsembleSearch"/> on validation splits carved from the benchmark training split, never on test
/// (docs/tuning.md). Each is also available as the variant-policy JSON it corresponds to.
/// </summary>
public static class EnsemblePresets
{
    /// <summary>Candidates each member gives.</summary>
    public const int PoolSize = 100;

    /// <summary>Strategy presets, in the order tables list them.</summary>
    public static IReadOnlyList<string> Names => ["weighted", "rrf", "cascade", "learned"];

    /// <summary>The model presets the strategies draw on (content is also the learned ranker's content-similarity feature).</summary>
    public static IReadOnlyList<string> Members => ["als", "ease", "ease-session", "multvae", "sar", "popularity", "content", "rp3beta"];

    /// <summary>
    /// Best of 135 blends on validation (mean nDCG@10 0.2846 over carves 2–4; the previous preset, ALS 0.45 + EASE 0.2 +
    /// Mult-VAE 0.2 + SAR 0.1 + content 0.05, scores 0.2833 there and ALS alone 0.2781). EASE over co-occurrence within
    /// a sitting takes plain EASE's place: the best blend with both scores 0.2844.
    /// </summary>
    public static WeightedBlendOptions Weighted { get; } = new(
        new Dictionary<string, float> { ["als"] = 0.45f, ["ease-session"] = 0.2f, ["multvae"] = 0.15f, ["sar"] = 0.05f, ["content"] = 0.05f },
        ScoreNormalization.MinMax);

    /// <summary>Best of 18 fusions with RP3β on validation (0.2810; the first search's best, k 10 without RP3β: 0.2809).</summary>
    public static ReciprocalRankFusionOptions ReciprocalRankFusion { get; } = new(20, new Dictionary<string, float> { ["als"] = 1, ["ease"] = 0.5f, ["rp3beta"] = 0.25f });

    /// <summary>Best personalised model first; popularity serves whoever the others do not know.</summary>
    public static CascadeOptions Cascade { get; } = new(["als", "ease", "popularity"], minCandidates: 10);

    /// <summary>Sources whose scores and ranks the learned ranker reads.</summary>
    public static IReadOnlyList<string> RankerSources => ["als", "ease", "sar"];

    /// <summary>Best of 8 LambdaMART settings on validation (0.2730: below the blends and ALS alone, see docs/tuning.md).</summary>
    public static LearnedRankerOptions Ranker { get; } = new(poolSize: 100, trees: 100, leaves: 16, minExamplesPerLeaf: 50, learningRate: 0.1, folds: 2);

    /// <summary>The sources (members, in order) strategy <paramref name="name"/> combines.</summary>
    public static IReadOnlyList<string> SourcesOf(string name) => name switch
    {
        "weighted" => [.. Weighted.Weights!.Where(w => w.Value > 0).Select(w => w.Key)],
        "rrf" => [.. ReciprocalRankFusion.Weights!.Where(w => w.Value > 0).Select(w => w.Key)],
        "cascade" => Cascade.Order!,
        "learned" => RankerSources,
        _ => throw Unknown(name),
    };

    /// <summary>Candidates per source for strategy <paramref name="name"/>.</summary>
    public static int PoolSizeOf(string name) => name == "learned" ? Ranker.PoolSize : PoolSize;

    /// <summary>The variant-policy JSON of preset <paramref name="name"/> (the learned one names its registry ranker).</summary>
    public static JsonElement Policy(string name, string rankerName = "ranker") => name switch
    {
        "weighted" => JsonSerializer.SerializeToElement(new
        {
            strategy = WeightedBlendStrategy.StrategyName,
            weights = Weighted.Weights,
            normalization = Weighted.Normalization == ScoreNormalization.ZScore ? "zscore" : "minmax",
        }),
        "rrf" => JsonSerializer.SerializeToElement(new { strategy = ReciprocalRankFusionStrategy.StrategyName, k = ReciprocalRankFusion.K, weights = ReciprocalRankFusion.Weights }),
        "cascade" => JsonSerializer.SerializeToElement(new { strategy = CascadeStrategy.StrategyName, order = Cascade.Order, minCandidates = Cascade.MinCandidates }),
        "learned" => JsonSerializer.SerializeToElement(new { strategy = LearnedRankerStrategy.StrategyName, ranker = rankerName }),
        _ => throw Unknown(name),
    };

    /// <summary>
    /// Builds preset <paramref name="name"/> through the strategy catalog from its policy JSON, as a variant would;
    /// the learned preset needs its trained <paramref name="ranker"/>.
    /// </summary>
    public static IEnsembleStrategy Create(string name, LearnedRanker? ranker = null) =>
        StrategyCatalog.CreateDefault(ranker is null ? null : (_, _) => ranker).Create(Policy(name));

    /// <summary>
    /// Trains the preset ranker for data <paramref name="train"/>: validation carved from it, the ranker sources
    /// (<paramref name="sources"/>, <see cref="RankerSources"/> when null; and the content model, for its feature)
    /// fitted on the inner part as their presets.
    /// </summary>
    public static LearnedRanker TrainRanker(TrainingData train, LearnedRankerOptions? options = null,
        IReadOnlyList<string>? sources = null, CancellationToken cancellationToken = default) =>
        LearnedRankerTrainer.Train(
            [.. (sources ?? RankerSources).Select(n => (n, (Func<IRecommender>)(() => ModelPresets.Create(n))))],
            train, options ?? Ranker, () => (ContentRecommender)ModelPresets.Create("content"), cancellationToken);

    private static ArgumentException Unknown(string name) =>
        new($"Unknown ensemble preset '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
}
