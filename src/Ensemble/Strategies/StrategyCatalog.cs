using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Ensemble strategies by name. A variant policy such as
/// <c>{ "strategy": "weighted", "weights": { "als": 0.7, "ease": 0.3 }, "normalization": "zscore" }</c> is turned into
/// a ready strategy by <see cref="Create(JsonElement)"/>; a new strategy is added by registering its name and
/// factory (<see cref="With"/>), without touching the pipeline that calls it.
/// </summary>
public sealed class StrategyCatalog
{
    /// <summary>The policy property that names the strategy.</summary>
    public const string StrategyProperty = "strategy";

    private readonly Dictionary<string, StrategyRegistration> _registrations;

    public StrategyCatalog(IEnumerable<StrategyRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _registrations = new Dictionary<string, StrategyRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (string.IsNullOrWhiteSpace(registration.Name))
                throw new ArgumentException("A strategy needs a name.", nameof(registrations));
            if (!_registrations.TryAdd(registration.Name, registration))
                throw new ArgumentException($"Strategy '{registration.Name}' is registered twice.", nameof(registrations));
        }
    }

    /// <summary>
    /// weighted, rrf, cascade and learned. Learned rankers are found through <paramref name="rankers"/> (registry
    /// name, optional version → ranker), typically <c>(name, version) => registry.LoadRanker(name, version).Ranker</c>
    /// behind a cache; without it the learned strategy refuses its "ranker" parameter.
    /// </summary>
    public static StrategyCatalog CreateDefault(Func<string, string?, LearnedRanker>? rankers = null) => new([
        new StrategyRegistration(WeightedBlendStrategy.StrategyName, p => new WeightedBlendStrategy(WeightedBlendOptions.FromJson(p))),
        new StrategyRegistration(ReciprocalRankFusionStrategy.StrategyName, p => new ReciprocalRankFusionStrategy(ReciprocalRankFusionOptions.FromJson(p))),
        new StrategyRegistration(CascadeStrategy.StrategyName, p => new CascadeStrategy(CascadeOptions.FromJson(p))),
        new StrategyRegistration(LearnedRankerStrategy.StrategyName, p => CreateLearned(p, rankers)),
    ]);

    public IReadOnlyCollection<string> Names => _registrations.Keys;

    public bool Contains(string name) => _registrations.ContainsKey(name);

    /// <summary>A catalog with <paramref name="registration"/> added (or replacing the one of the same name).</summary>
    public StrategyCatalog With(StrategyRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var all = _registrations.Values.Where(r => r.Name != registration.Name).Append(registration);
        return new StrategyCatalog(all);
    }

    /// <summary>Builds the strategy a policy object names in its "strategy" property, with the policy as parameters.</summary>
    public IEnsembleStrategy Create(JsonElement policy)
    {
        if (policy.ValueKind != JsonValueKind.Object)
            throw new StrategyParameterException("(policy)", StrategyProperty, $"must be read from a JSON object, got {policy.ValueKind}.");
        if (!policy.TryGetProperty(StrategyProperty, out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            throw new StrategyParameterException("(policy)", StrategyProperty, $"must name a strategy: {KnownList()}.");
        return Create(name.GetString()!, policy);
    }

    /// <summary>Builds strategy <paramref name="name"/> from <paramref name="parameters"/> (a JSON object, or undefined for defaults).</summary>
    public IEnsembleStrategy Create(string name, JsonElement parameters = default)
    {
        if (!TryGet(name, out var registration))
            throw new StrategyParameterException(name, StrategyProperty, $"names an unknown strategy; known: {KnownList()}.");
        return registration.Create(parameters);
    }

    public bool TryGet(string name, [MaybeNullWhen(false)] out StrategyRegistration registration) =>
        _registrations.TryGetValue(name, out registration);

    private string KnownList() => string.Join(", ", _registrations.Keys.Order(StringComparer.Ordinal));

    private static LearnedRankerStrategy CreateLearned(JsonElement policy, Func<string, string?, LearnedRanker>? rankers)
    {
        var parameters = new StrategyParameters(LearnedRankerStrategy.StrategyName, policy);
        var name = parameters.Text("ranker");
        if (string.IsNullOrWhiteSpace(name))
            throw parameters.Error("ranker", "must name a learned ranker in the model registry.");
        var version = parameters.Text("version");
        if (rankers is null)
            throw parameters.Error("ranker", $"names '{name}', but no ranker store is configured.");
        try
        {
            return new LearnedRankerStrategy(rankers(name, version));
        }
        catch (ModelArtifactException e)
        {
            throw parameters.Error(version is null ? "ranker" : "version", $"cannot be loaded: {e.Message}");
        }
    }
}
