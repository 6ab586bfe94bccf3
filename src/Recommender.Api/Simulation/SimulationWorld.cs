using System.Collections.Frozen;
using System.Text.Json;
using Recommender.Api.Experiments;
using Recommender.Api.Serving;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Data.Synthetic;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;

namespace Recommender.Api.Simulation;

/// <summary>
/// The service's recommender, in-process, for the simulator: a data set (synthetic by default) split per user into
/// what the models learn from (75 %) and each user's held-out preferences (25 %); SAR and popularity trained on the
/// former and published into a <see cref="ModelStore"/>; and one <see cref="RecommendationPipeline"/> per variant
/// policy: "strong" (cascade SAR → popularity) and "weakened" (popularity alone, what the strong one falls back to),
/// both without business rules so that only the ranking differs.
/// </summary>
public sealed class SimulationWorld : IDisposable
{
    /// <summary>The two policies, in the experiments.json schema (parsed by the service's own parser).</summary>
    private const string Policies = """
        { "feature_management": { "feature_flags": [ { "id": "simulation", "enabled": true, "variants": [
            { "name": "strong", "configuration_value": { "strategy": "cascade", "models": ["sar", "popularity"], "rules": "none" } },
            { "name": "weakened", "configuration_value": { "strategy": "cascade", "models": ["popularity"], "rules": "none" } } ],
            "allocation": { "default_when_enabled": "strong" } } ] } }
        """;

    private const string NoRules = """{ "workflow": "none", "description": "Simulation: the ranking as it comes.", "rules": [] }""";

    private readonly string _scratch;
    private readonly RuleWorkflowHost _rules;
    private readonly ModelStore _models;
    private readonly StrategyCatalog _strategies = StrategyCatalog.CreateDefault();
    private readonly RequestIds _requestIds = new(TimeProvider.System);
    // The simulation measures experiment statistics, not serving speed: every list is scored afresh.
    private readonly CandidateCache _noCandidateCache = new(new CandidateCacheSettings { Entries = 0 }, meter: null);
    private readonly IReadOnlyDictionary<string, VariantPolicy> _policies;

    private SimulationWorld(string scratch, RuleWorkflowHost rules, ModelStore models, Dataset served,
        IReadOnlyDictionary<string, FrozenSet<string>> preferences)
    {
        _scratch = scratch;
        _rules = rules;
        _models = models;
        Served = served;
        Preferences = preferences;
        var (config, errors) = ExperimentsConfigParser.Parse(Policies);
        _policies = config?.Experiments["simulation"].Variants ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    /// <summary>What the models were trained on (and what "seen" means when they recommend).</summary>
    public Dataset Served { get; }

    /// <summary>Each user's held-out items: what they like and the models never saw.</summary>
    public IReadOnlyDictionary<string, FrozenSet<string>> Preferences { get; }

    public const string Strong = "strong";
    public const string Weakened = "weakened";

    /// <param name="dataFolder">A data folder (MovieLens 100K or the CSV trio); null generates <paramref name="synthetic"/>.</param>
    public static SimulationWorld Build(string? dataFolder, SyntheticOptions synthetic, int seed, IProgress<string>? status, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "recommender-simulate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(scratch, "rules"));
        try
        {
            if (dataFolder is null)
            {
                status?.Report($"Generating {synthetic.Users:N0} synthetic users, {synthetic.Items:N0} items, {synthetic.Interactions:N0} interactions");
                dataFolder = Path.Combine(scratch, "data");
                new SyntheticGenerator(synthetic).WriteTo(dataFolder, cancellationToken: cancellationToken);
            }
            var dataset = DatasetLoader.Load(dataFolder, cancellationToken: cancellationToken).Dataset;
            var (train, heldOut) = new StratifiedSplitter(0.75, StratifyBy.User, seed).Split(dataset.Interactions);
            var preferences = Enumerable.Range(0, heldOut.Count)
                .GroupBy(row => heldOut.Users.Ids[heldOut.UserIndex[row]], row => heldOut.Items.Ids[heldOut.ItemIndex[row]])
                .ToDictionary(g => g.Key, g => g.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
            var served = dataset with { Interactions = train };

            var models = new ModelStore();
            models.PublishDataset(served);
            var training = new TrainingData(train, dataset.Catalog);
            var fingerprint = served.Fingerprint();
            foreach (var name in new[] { "popularity", "sar" })
            {
                status?.Report($"Training {name} on {train.Count:N0} interactions");
                var model = ModelPresets.Create(name);
                model.Fit(training, cancellationToken);
                models.Publish(new LoadedModel(InMemoryManifest(name, model, fingerprint), model));
            }
            models.MarkReady();

            File.WriteAllText(Path.Combine(scratch, "rules", "none.json"), NoRules);
            var rules = new RuleWorkflowHost(new RuleWorkflowHostOptions(Path.Combine(scratch, "rules"), watchForChanges: false));
            return new SimulationWorld(scratch, rules, models, served, preferences);
        }
        catch
        {
            Directory.Delete(scratch, recursive: true);
            throw;
        }
    }

    /// <summary>The pipeline serving <paramref name="policy"/> (<see cref="Strong"/> or <see cref="Weakened"/>) under the label <paramref name="variant"/>.</summary>
    public RecommendationPipeline Pipeline(string variant, string policy) =>
        new(new FixedVariantAssigner(new ExperimentAssignment("simulation", variant, "simulated allocation", "simulation", _policies[policy])),
            _models, _rules, _strategies, _noCandidateCache, _requestIds, TimeProvider.System);

    public void Dispose()
    {
        _rules.Dispose();
        _requestIds.Dispose();
        _noCandidateCache.Dispose();
        if (Directory.Exists(_scratch))
            Directory.Delete(_scratch, recursive: true);
    }

    // The simulation publishes nothing to disk: a manifest only says which model this is.
    private static ModelManifest InMemoryManifest(string name, IRecommender model, string fingerprint) =>
        new(ModelManifest.CurrentFormatVersion, name, "1", model.Kind, JsonSerializer.SerializeToElement(new { }), fingerprint,
            model.Interactions.Users.Count, model.Interactions.Items.Count, 0,
            new Dictionary<string, double>(), DateTimeOffset.UtcNow, new Dictionary<string, string>());
}
