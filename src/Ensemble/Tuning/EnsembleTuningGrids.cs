using System.Globalization;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tuning;

/// <summary>The grids <see cref="EnsembleSearch"/> ran to choose <see cref="EnsemblePresets"/> (docs/tuning.md).</summary>
public static class EnsembleTuningGrids
{
    /// <summary>Every member any grid draws on.</summary>
    public static IReadOnlyList<string> Members => ["als", "als-wide", "ease", "ease-strong", "ease-session", "multvae", "sar", "popularity", "content", "rp3beta"];

    public static IReadOnlyList<string> Strategies => ["weighted", "rrf", "learned"];

    public static IEnumerable<StrategyCandidate> For(string strategy) => strategy switch
    {
        "weighted" => Weighted(),
        "rrf" => ReciprocalRankFusion(),
        "learned" => Learned(),
        _ => throw new ArgumentException($"No ensemble grid for '{strategy}'. Grids: {string.Join(", ", Strategies)}.", nameof(strategy)),
    };

    private static IEnumerable<StrategyCandidate> Weighted()
    {
        // The first search (docs/tuning.md) blended ALS, EASE, SAR, content and popularity (146 candidates within
        // 0.005 of each other, popularity never helping); the second added RP3β, which never helped either; the third
        // added the Mult-VAE (kept) and a 128-factor ALS and EASE λ 800 (not needed). This pass adds EASE over
        // co-occurrence within a sitting (ease-session) beside or in place of EASE, content kept at its weight.
        string[] sources = ["als", "ease", "ease-session", "multvae", "sar", "content"];
        foreach (var als in new[] { 0.45f, 0.5f })
        foreach (var ease in new[] { 0f, 0.1f, 0.2f })
        foreach (var easeSession in new[] { 0f, 0.1f, 0.2f, 0.3f })
        foreach (var multVae in new[] { 0.1f, 0.15f, 0.2f })
        foreach (var sar in new[] { 0.05f, 0.1f })
        {
            if (ease + easeSession == 0)
                continue;
            var weights = new Dictionary<string, float>
            {
                ["als"] = als, ["ease"] = ease, ["ease-session"] = easeSession, ["multvae"] = multVae, ["sar"] = sar, ["content"] = 0.05f,
            };
            var options = new WeightedBlendOptions(weights, ScoreNormalization.MinMax);
            yield return new StrategyCandidate($"weighted {ScoreNormalization.MinMax} {Describe(weights)}", sources, EnsemblePresets.PoolSize,
                _ => new WeightedBlendStrategy(options));
        }
        // Pool size around the chosen blend (the preset).
        foreach (var pool in new[] { 50, 200 })
        {
            var options = EnsemblePresets.Weighted;
            yield return new StrategyCandidate($"weighted {options.Normalization} {Describe(options.Weights!)} pool={pool}", sources, pool,
                _ => new WeightedBlendStrategy(options));
        }
    }

    private static IEnumerable<StrategyCandidate> ReciprocalRankFusion()
    {
        // The first search (SAR weight {0, 0.25, 0.5}, k up to 100) found SAR never helping and k 10–20 best; this
        // pass adds RP3β.
        string[] sources = ["als", "ease", "rp3beta"];
        foreach (var k in new[] { 10.0, 20, 60 })
        foreach (var ease in new[] { 0.5f, 1f })
        foreach (var rp3Beta in new[] { 0f, 0.25f, 0.5f })
        {
            var weights = new Dictionary<string, float> { ["als"] = 1, ["ease"] = ease, ["rp3beta"] = rp3Beta };
            var options = new ReciprocalRankFusionOptions(k, weights);
            yield return new StrategyCandidate($"rrf k={k} {Describe(weights)}", sources, EnsemblePresets.PoolSize,
                _ => new ReciprocalRankFusionStrategy(options));
        }
    }

    private static IEnumerable<StrategyCandidate> Learned()
    {
        var sources = EnsemblePresets.RankerSources;
        foreach (var pool in new[] { 50, 100 })
        foreach (var (trees, leaves, rate, minLeaf) in new[] { (100, 16, 0.1, 50), (200, 8, 0.1, 500) })
        foreach (var folds in new[] { 1, 2 })
        {
            var options = new LearnedRankerOptions(pool, trees, leaves, minLeaf, rate, folds: folds);
            yield return new StrategyCandidate(
                $"learned pool={pool} trees={trees} leaves={leaves} rate={rate} minLeaf={minLeaf} folds={folds}", sources, pool,
                fold => new LearnedRankerStrategy(EnsemblePresets.TrainRanker(fold.InnerTrain, options)));
        }
    }

    private static string Describe(IReadOnlyDictionary<string, float> weights) =>
        string.Join(" ", weights.Select(w => $"{w.Key}={w.Value.ToString(CultureInfo.InvariantCulture)}"));
}
