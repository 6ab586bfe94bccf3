using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Evaluation;

/// <summary>
/// Evaluates an ensemble strategy like a single model (same users, same metrics, see <see cref="Evaluator"/>):
/// for every test user each fitted model of the generator gives its top <c>poolSize</c> (train items removed),
/// the strategy combines them, and its top k is scored.
/// </summary>
public sealed class EnsembleEvaluator(Evaluator evaluator)
{
    public Evaluator Evaluator { get; } = evaluator ?? throw new ArgumentNullException(nameof(evaluator));

    /// <param name="generator">Models fitted on <paramref name="train"/>.</param>
    /// <param name="strategy">The strategy to evaluate.</param>
    /// <param name="poolSize">Candidates per model.</param>
    /// <param name="features">Item features of <paramref name="train"/>, for strategies that use them.</param>
    /// <param name="train">The matrix the models were fitted on: users' histories and "seen" items.</param>
    /// <param name="test">Held-out interactions.</param>
    /// <param name="name">Row name; defaults to "ensemble:&lt;strategy&gt;".</param>
    /// <param name="trainSeconds">Whatever the caller spent fitting (reported as is).</param>
    public EvaluationResult Evaluate(CandidateGenerator generator, IEnsembleStrategy strategy, int poolSize, RankingFeatureSource? features,
        InteractionMatrix train, InteractionLog test, string? name = null, double trainSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(poolSize);
        return Evaluator.Evaluate(name ?? $"ensemble:{strategy.Name}", Recommend, train, test, trainSeconds, cancellationToken);

        IReadOnlyList<ScoredItem> Recommend(int user, int k)
        {
            var lists = generator.For(user, poolSize);
            var start = train.ByUser.RowPointers[user];
            var history = new ReadOnlyMemory<int>(train.ByUser.ColumnIndices, start, train.ByUser.RowLength(user));
            var combined = strategy.Combine(lists, k, new StrategyContext(user, history, features));
            var top = new ScoredItem[combined.Count];
            for (var i = 0; i < top.Length; i++)
                top[i] = new ScoredItem(combined[i].Item, combined[i].Score);
            return top;
        }
    }
}
