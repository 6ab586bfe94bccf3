using System.Text.Json;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// One strategy the catalog can build: its name in variant policies and a factory that reads (and validates) its
/// parameters from the policy object, throwing <see cref="StrategyParameterException"/> for a bad one.
/// </summary>
public sealed record StrategyRegistration(string Name, Func<JsonElement, IEnsembleStrategy> Create);
