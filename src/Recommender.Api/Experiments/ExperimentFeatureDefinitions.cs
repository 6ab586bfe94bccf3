using System.Runtime.CompilerServices;
using Microsoft.FeatureManagement;
using FeaturePercentile = Microsoft.FeatureManagement.PercentileAllocation;

namespace Recommender.Api.Experiments;

/// <summary>
/// Feature management's view of experiments.json: one feature flag per experiment, built from the LAST VALIDATED
/// configuration of <see cref="ExperimentsConfigStore"/> (never from the file itself), so an edit that was refused
/// never reaches an assignment. Definitions are built once per configuration version.
/// </summary>
public sealed class ExperimentFeatureDefinitions(ExperimentsConfigStore store) : IFeatureDefinitionProvider
{
    private readonly ConditionalWeakTable<ExperimentsConfig, IReadOnlyDictionary<string, FeatureDefinition>> _byConfig = [];

    /// <summary>
    /// The configuration the current asynchronous flow evaluates against: the assigner pins the snapshot it read,
    /// so the variant feature management picks and the policy served come from the same version during a reload.
    /// </summary>
    private readonly AsyncLocal<ExperimentsConfig?> _pinned = new();

    /// <summary>Evaluations in this asynchronous flow (and the flows it starts) read <paramref name="config"/>.</summary>
    public void Pin(ExperimentsConfig config) => _pinned.Value = config;

    public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) =>
        Task.FromResult(DefinitionsOf(_pinned.Value ?? store.Current).GetValueOrDefault(featureName)!);

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        await Task.CompletedTask;
        foreach (var definition in DefinitionsOf(_pinned.Value ?? store.Current).Values)
            yield return definition;
    }

    private IReadOnlyDictionary<string, FeatureDefinition> DefinitionsOf(ExperimentsConfig config) =>
        _byConfig.GetValue(config, c => c.Experiments.Values.ToDictionary(e => e.Id, ToFeatureDefinition, StringComparer.Ordinal));

    /// <summary>
    /// What the library's configuration provider would build from the flag: "enabled": true is the AlwaysOn filter,
    /// false is status Disabled. Telemetry is always on because the evaluation event is where feature management says
    /// why it chose a variant (<see cref="FeatureEvaluationReasons"/>).
    /// </summary>
    public static FeatureDefinition ToFeatureDefinition(ExperimentDefinition experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new FeatureDefinition
        {
            Name = experiment.Id,
            EnabledFor = experiment.Enabled ? [new FeatureFilterConfiguration { Name = "AlwaysOn" }] : [],
            Status = experiment.Enabled ? FeatureStatus.Conditional : FeatureStatus.Disabled,
            Variants = (experiment.VariantNames ?? experiment.Variants.Keys.ToList()).Select(name => new VariantDefinition { Name = name }).ToList(),
            Allocation = new Allocation
            {
                DefaultWhenEnabled = experiment.DefaultWhenEnabled,
                DefaultWhenDisabled = experiment.DefaultWhenDisabled,
                Seed = experiment.Seed,
                User = (experiment.Users ?? []).Select(u => new UserAllocation { Variant = u.Variant, Users = u.Members.ToList() }).ToList(),
                Group = (experiment.Groups ?? []).Select(g => new GroupAllocation { Variant = g.Variant, Groups = g.Members.ToList() }).ToList(),
                Percentile = experiment.Percentiles.Select(p => new FeaturePercentile { Variant = p.Variant, From = p.From, To = p.To }).ToList(),
            },
            Telemetry = new TelemetryConfiguration { Enabled = true },
        };
    }
}
