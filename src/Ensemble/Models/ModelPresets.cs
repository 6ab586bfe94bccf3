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
    ]);

    private static readonly IReadOnlyDictionary<string, Func<IRecommender>> Factories = new Dictionary<string, Func<IRecommender>>(StringComparer.Ordinal)
    {
        ["popularity"] = () => new PopularityRecommender(),
        // The published benchmark's settings: Jaccard, 30-day half-life time decay.
        ["sar"] = () => new SarRecommender(new SarOptions()),
    };

    /// <summary>Preset names, in the order tables list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    public static bool IsKnown(string name) => Factories.ContainsKey(name);

    /// <summary>A new, unfitted model configured as preset <paramref name="name"/>.</summary>
    public static IRecommender Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown model preset '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
}
