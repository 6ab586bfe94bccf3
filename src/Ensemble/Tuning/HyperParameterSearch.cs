using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Splits;

namespace Recommender.Ensemble.Tuning;

/// <summary>
/// Grid search on a validation split carved from the training split, so the test split is never looked at:
/// the training log is split again (stratified by item, same ratio, a different seed), every candidate is fitted
/// on the inner train part and ranked by nDCG@k on the validation part.
/// </summary>
public sealed class HyperParameterSearch
{
    /// <summary>Seed of the validation carve; differs from the benchmark's 42 so the two splits are independent.</summary>
    public const int ValidationSeed = 1;

    private readonly Evaluator _evaluator;

    public HyperParameterSearch(int k = 10) => _evaluator = new Evaluator(k);

    /// <summary>
    /// Splits <paramref name="train"/> into inner train and validation the same way the benchmark splits all data.
    /// Other seeds give further, independent carves (e.g. to average a choice over several, or to tune an ensemble
    /// on a carve its members' presets were not chosen on).
    /// </summary>
    public static (InteractionLog InnerTrain, InteractionLog Validation) CarveValidation(InteractionLog train, double ratio = 0.75, int seed = ValidationSeed) =>
        new StratifiedSplitter(ratio, StratifyBy.Item, seed).Split(train);

    /// <summary>Evaluates every candidate; best first (nDCG, then MAP).</summary>
    public IReadOnlyList<TuningResult> Run(IEnumerable<TuningCandidate> candidates, InteractionLog train, Catalog catalog,
        IProgress<TuningResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var (innerTrain, validation) = CarveValidation(train);
        var training = new TrainingData(innerTrain, catalog);
        var results = new List<TuningResult>();
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = new TuningResult(candidate, _evaluator.FitAndEvaluate(candidate.Create(), training, validation, candidate.Description, cancellationToken));
            results.Add(result);
            progress?.Report(result);
        }
        return [.. results.OrderByDescending(r => r.Validation.Ndcg).ThenByDescending(r => r.Validation.Map)];
    }
}
