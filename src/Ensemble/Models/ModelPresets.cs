using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// The model kinds the registry knows, and the named configurations (presets) that `evaluate`, `train` and the
/// service use. Preset hyper-parameters were chosen by the `tune` verb on a validation split carved from the
/// benchmark training split, never on test; docs/tuning.md records the search and its results.
/// </summary>
public static class ModelPresets
{
    /// <summary>Every kind, embedding models scoring on the exact CPU scorer.</summary>
    public static ModelKindCatalog Kinds { get; } = KindsScoringWith(null);

    /// <summary>
    /// Every kind, embedding models (als, content) scoring through <paramref name="scorersFor"/>(kind name): the
    /// service's device, precision and micro-batching. Null: the exact CPU scorer.
    /// </summary>
    public static ModelKindCatalog KindsScoringWith(Func<string, IEmbeddingScorerFactory?>? scorersFor) => new([
        new ModelKind("popularity", _ => new PopularityRecommender(), PopularityRecommender.Load),
        new ModelKind("sar", p => new SarRecommender(RegistryJson.ParametersOr(p, new SarOptions())), SarRecommender.Load),
        new ModelKind("als", p => new AlsRecommender(RegistryJson.ParametersOr(p, new AlsOptions()), scorersFor?.Invoke("als")),
            (reader, matrix, p) => AlsRecommender.Load(reader, matrix, p, scorersFor?.Invoke("als"))),
        new ModelKind("ease", p => new EaseRecommender(RegistryJson.ParametersOr(p, new EaseOptions())), EaseRecommender.Load),
        new ModelKind("rp3beta", p => new Rp3BetaRecommender(RegistryJson.ParametersOr(p, new Rp3BetaOptions())), Rp3BetaRecommender.Load),
        new ModelKind("multvae", p => new MultVaeRecommender(RegistryJson.ParametersOr(p, new MultVaeOptions())), MultVaeRecommender.Load),
        new ModelKind("content", p => new ContentRecommender(RegistryJson.ParametersOr(p, new ContentOptions()), scorersFor?.Invoke("content")),
            (reader, matrix, p) => ContentRecommender.Load(reader, matrix, p, scorersFor?.Invoke("content"))),
    ]);

    private static readonly IReadOnlyDictionary<string, Func<IEmbeddingScorerFactory?, IRecommender>> Factories =
        new Dictionary<string, Func<IEmbeddingScorerFactory?, IRecommender>>(StringComparer.Ordinal)
        {
            ["popularity"] = _ => new PopularityRecommender(),
            // The published benchmark's settings: Jaccard, 30-day half-life time decay.
            ["sar"] = _ => new SarRecommender(new SarOptions()),
            ["als"] = scorers => new AlsRecommender(Tuned.Als, scorers),
            ["ease"] = _ => new EaseRecommender(Tuned.Ease),
            // Ensemble members: variants of ALS and EASE that rank differently enough to add to the blend (docs/tuning.md).
            ["als-wide"] = scorers => new AlsRecommender(Tuned.AlsWide, scorers),
            ["ease-strong"] = _ => new EaseRecommender(Tuned.EaseStrong),
            // EASE over co-occurrence within a sitting (pairs weighted by exp(−|Δt| / 10 min)).
            ["ease-session"] = _ => new EaseRecommender(Tuned.EaseSession),
            ["content"] = scorers => new ContentRecommender(Tuned.Content, scorers),
            ["rp3beta"] = _ => new Rp3BetaRecommender(Tuned.Rp3Beta),
            ["multvae"] = _ => new MultVaeRecommender(Tuned.MultVae),
        };

    /// <summary>Values chosen by `tune` on the validation split (docs/tuning.md).</summary>
    private static class Tuned
    {
        public static readonly AlsOptions Als = new(factors: 64, regularization: 50f, alpha: 8f, iterations: 15, binarizeWeights: true);
        public static readonly EaseOptions Ease = new(lambda: 500f);
        public static readonly AlsOptions AlsWide = Als with { Factors = 128 };
        public static readonly EaseOptions EaseStrong = new(lambda: 800f);
        public static readonly EaseOptions EaseSession = new(lambda: 200f, timeScaleMinutes: 10f);
        public static readonly ContentOptions Content = new();
        public static readonly Rp3BetaOptions Rp3Beta = new(alpha: 0.7f, beta: 0.55f, neighbors: 1000);
        public static readonly MultVaeOptions MultVae = new(hidden: 200, latent: 64, epochs: 20, l2: 0.003f, networks: 3);
    }

    /// <summary>Preset names, in the order tables list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    public static bool IsKnown(string name) => Factories.ContainsKey(name);

    /// <summary>A new, unfitted model configured as preset <paramref name="name"/>.</summary>
    /// <param name="scorers">Where embedding models (als, content) score; the exact CPU scorer when null.</param>
    public static IRecommender Create(string name, IEmbeddingScorerFactory? scorers = null) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(scorers)
            : throw new ArgumentException($"Unknown model preset '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
}
