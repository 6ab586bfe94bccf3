using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tuning;

/// <summary>
/// Chooses ensemble parameters on validation data only, like <see cref="HyperParameterSearch"/> for models: for each
/// seed a validation split is carved from train (<see cref="HyperParameterSearch.CarveValidation"/>), the member
/// presets are fitted on its inner train part once, and every candidate is scored by nDCG@k on the validation
/// users; candidates are ranked by the mean over the carves. The default seeds (2, 3, 4) avoid carve 1, on which
/// the member presets themselves were tuned: there the members' validation scores carry the optimism of having
/// been selected on it, which would bias the search towards whichever member won that selection hardest.
/// </summary>
public sealed class EnsembleSearch
{
    public static IReadOnlyList<int> DefaultSeeds { get; } = [2, 3, 4];

    private readonly EnsembleEvaluator _evaluator;

    /// <param name="members">Model presets (<see cref="ModelPresets"/>) the candidates may draw on; "content", when
    /// present, also provides the learned ranker's content-similarity feature.</param>
    /// <param name="seeds">Validation carves to average over; null for <see cref="DefaultSeeds"/>.</param>
    /// <param name="k">Evaluation depth.</param>
    public EnsembleSearch(IReadOnlyList<string> members, IReadOnlyList<int>? seeds = null, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var member in members)
        {
            if (!ModelPresets.IsKnown(member))
                throw new ArgumentException($"Unknown model preset '{member}'.", nameof(members));
        }
        Members = [.. members];
        Seeds = seeds is { Count: > 0 } ? [.. seeds] : DefaultSeeds;
        _evaluator = new EnsembleEvaluator(new Evaluator(k));
    }

    public IReadOnlyList<string> Members { get; }

    public IReadOnlyList<int> Seeds { get; }

    /// <summary>Evaluates every candidate on every carve; best mean nDCG first (then MAP).</summary>
    public IReadOnlyList<StrategyTuningResult> Run(IEnumerable<StrategyCandidate> candidates, InteractionLog train, Catalog catalog,
        IProgress<StrategyTuningResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(train);
        var list = candidates.ToList();
        var perCandidate = list.Select(_ => new List<EvaluationResult>()).ToList();
        foreach (var seed in Seeds)
        {
            var fold = Fold(seed, train, catalog, cancellationToken);
            for (var c = 0; c < list.Count; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candidate = list[c];
                var strategy = candidate.Create(fold);
                perCandidate[c].Add(_evaluator.Evaluate(fold.Subset(candidate.Sources), strategy, candidate.PoolSize, fold.Features,
                    fold.InnerTrain.Matrix, fold.Validation, candidate.Description, cancellationToken: cancellationToken));
                if (seed == Seeds[^1])
                    progress?.Report(Summarise(candidate, perCandidate[c]));
            }
        }
        return [.. list.Select((candidate, c) => Summarise(candidate, perCandidate[c]))
            .OrderByDescending(r => r.Ndcg).ThenByDescending(r => r.Map)];
    }

    private EnsembleFold Fold(int seed, InteractionLog train, Catalog catalog, CancellationToken cancellationToken)
    {
        var (innerLog, validation) = HyperParameterSearch.CarveValidation(train, seed: seed);
        var inner = new TrainingData(innerLog, catalog);
        var fitted = new List<(string, IRecommender)>(Members.Count);
        foreach (var name in Members)
        {
            var model = ModelPresets.Create(name);
            model.Fit(inner, cancellationToken);
            fitted.Add((name, model));
        }
        var content = fitted.Select(f => f.Item2).OfType<ContentRecommender>().FirstOrDefault();
        return new EnsembleFold(seed, inner, validation, new CandidateGenerator(fitted), RankingFeatureSource.FromTraining(inner, content));
    }

    private static StrategyTuningResult Summarise(StrategyCandidate candidate, IReadOnlyList<EvaluationResult> folds) =>
        new(candidate, folds.Average(f => f.Ndcg), folds.Average(f => f.Map), folds.Average(f => f.Precision), folds.Average(f => f.Recall), [.. folds]);
}
