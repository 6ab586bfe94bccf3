using Recommender.Ensemble.Scoring;

namespace Recommender.Ensemble.Models;

/// <summary>
/// A recommender whose recommendations are a top-K over an item embedding matrix (ALS, content): it says where that
/// scoring runs and offers an asynchronous entry, so that the request pipeline can await a micro-batched scorer
/// (<see cref="MicroBatchingScorer"/>) instead of holding a thread. The synchronous <see cref="IRecommender"/>
/// methods stay for evaluation and give the same results.
/// </summary>
public interface IEmbeddingRecommender : IRecommender
{
    /// <summary>Where the recommendation scorer runs, and why.</summary>
    ScoringPlacement Placement { get; }

    /// <summary>What <see cref="IRecommender.Recommend"/> returns, scored through <see cref="IEmbeddingScorer.TopKAsync"/>.</summary>
    /// <param name="exclude">Sorted ascending; must stay unchanged until the task completes.</param>
    ValueTask<ScoredItem[]> RecommendAsync(int user, int k, ReadOnlyMemory<int> exclude, CancellationToken cancellationToken);

    /// <summary>What <see cref="IRecommender.RecommendFromItems"/> returns with all weights 1, scored through <see cref="IEmbeddingScorer.TopKAsync"/>.</summary>
    /// <param name="exclude">Sorted ascending; must stay unchanged until the task completes.</param>
    ValueTask<ScoredItem[]> RecommendFromItemsAsync(ReadOnlyMemory<int> items, int k, ReadOnlyMemory<int> exclude, CancellationToken cancellationToken);
}
