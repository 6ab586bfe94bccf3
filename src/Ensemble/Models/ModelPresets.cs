using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Models;

/// <summary>
/// The model kinds the registry knows, and the named configurations (presets) that `evaluate`, `train` and the
/// service use. Preset hyper-parameters were chosen by the `tune` verb on a validation split carved from the
/// benchmark training split, never on test; docs/tuning.md records the search and its results.
/// </summary>
public static class ModelPresets
{
    public static ModelKindCatalog Kinds { get; } = new([
        new ModelKind("popularity", _ => new PopularityRecommender(), PopularityRecommender.Load),
        new ModelKind("sar", p => new SarRecommender(RegistryJson.ParametersOr(p, new SarOptions())), SarRecommender.Load),
        new ModelKind("als", p => new AlsRecommender(RegistryJson.ParametersOr(p, new AlsOptions())), AlsRecommender.Load),
        new ModelKind("ease", p => new EaseRecommender(RegistryJson.ParametersOr(p, new EaseOptions())), EaseRecommender.Load),
        new ModelKind("rp3beta", p => new Rp3BetaRecommender(RegistryJson.ParametersOr(p, new Rp3BetaOptions())), Rp3BetaRecommender.Load),
        new ModelKind("content", p => new ContentRecommender(RegistryJson.ParametersOr(p, new ContentOptions())), ContentRecommender.Load),
    ]);

    private static readonly IReadOnlyDictionary<string, Func<IRecommender>> Factories = new Dictionary<string, Func<IRecommender>>(StringComparer.Ordinal)
    {
        ["popularity"] = () => new PopularityRecommender(),
        // The published benchmark's settings: Jaccard, 30-day half-life time decay.
        ["sar"] = () => new SarRecommender(new SarOptions()),
        ["als"] = () => new AlsRecommender(Tuned.Als),
        ["ease"] = () => new EaseRecommender(Tuned.Ease),
        ["content"] = () => new ContentRecommender(Tuned.Content),
        ["rp3beta"] = () => new Rp3BetaRecommender(Tuned.Rp3Beta),
    };

    /// <summary>Values chosen by `tune` on the validation split (docs/tuning.md).</summary>
    private static class Tuned
    {
        public static readonly AlsOptions Als = new(factors: 64, regularization: 50f, alpha: 8f, iterations: 15, binarizeWeights: true);
        public static readonly EaseOptions Ease = new(lambda: 500f);
        public static readonly ContentOptions Content = new();
        public static readonly Rp3BetaOptions Rp3Beta = new(alpha: 0.7f, beta: 0.55f, neighbors: 1000);
    }

    /// <summary>Preset names, in the order tables list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    public static bool IsKnown(string name) => Factories.ContainsKey(name);

    /// <summary>A new, unfitted model configured as preset <paramref name="name"/>.</summary>
    public static IRecommender Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown model preset '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
}
