using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

/// <summary>
/// A synthetic world with a planted signal. Each user has seen item 59 and gets the same 40 of items 0–58 from two
/// sources: "noise" orders them at random, "signal" gives each a uniform score, and exactly the items whose signal
/// score exceeds 0.75 are relevant. Noise is listed first, so a strategy that trusts it (or keeps pool order) ranks
/// at random; one that learned the planted rule ranks by the signal.
/// </summary>
internal sealed class PlantedWorld
{
    public const int Items = 60;
    public const int PoolSize = 40;

    public PlantedWorld(int users, int seed)
    {
        var random = new Random(seed);
        var userIds = new IdMap();
        var itemIds = new IdMap();
        for (var i = 0; i < Items; i++)
            itemIds.GetOrAdd($"i{i}");
        for (var u = 0; u < users; u++)
            userIds.GetOrAdd($"u{u}");
        var seen = new InteractionLog(userIds, itemIds, [.. Enumerable.Range(0, users)], [.. Enumerable.Repeat(Items - 1, users)],
            [.. Enumerable.Repeat(1f, users)], new long[users]);
        Matrix = InteractionMatrix.FromLog(seen);

        var noise = new ScoredItem[users][];
        var signal = new ScoredItem[users][];
        var relevantUsers = new List<int>();
        var relevantItems = new List<int>();
        Relevant = new int[users][];
        for (var u = 0; u < users; u++)
        {
            var candidates = Enumerable.Range(0, Items - 1).OrderBy(_ => random.Next()).Take(PoolSize).ToArray();
            noise[u] = [.. candidates.Select((item, r) => new ScoredItem(item, PoolSize - r))];
            var scored = candidates.Select(item => new ScoredItem(item, (float)random.NextDouble())).ToArray();
            signal[u] = [.. scored.OrderByDescending(s => s.Score)];
            Relevant[u] = [.. scored.Where(s => s.Score > 0.75f).Select(s => s.Item).Order()];
            foreach (var item in Relevant[u])
            {
                relevantUsers.Add(u);
                relevantItems.Add(item);
            }
        }
        Validation = new InteractionLog(userIds, itemIds, [.. relevantUsers], [.. relevantItems],
            [.. Enumerable.Repeat(1f, relevantUsers.Count)], new long[relevantUsers.Count]);
        Generator = new CandidateGenerator([("noise", new FixedLists(Matrix, noise)), ("signal", new FixedLists(Matrix, signal))]);
        Features = new RankingFeatureSource(new float[Items], [.. Enumerable.Repeat(RankingFeatureSource.UnknownAge, Items)]);
    }

    public InteractionMatrix Matrix { get; }

    /// <summary>The relevant (user, item) rows, as a validation split would hold them.</summary>
    public InteractionLog Validation { get; }

    /// <summary>Each user's relevant items, sorted.</summary>
    public int[][] Relevant { get; }

    public CandidateGenerator Generator { get; }

    public RankingFeatureSource Features { get; }

    public StrategyContext Context(int user) => new(user, Matrix.ItemsOf(user).ToArray(), Features);

    /// <summary>A "model" that returns precomputed lists.</summary>
    private sealed class FixedLists(InteractionMatrix interactions, ScoredItem[][] lists) : IRecommender
    {
        public string Kind => "fixed";

        public InteractionMatrix Interactions => interactions;

        public object Parameters => new();

        public void Fit(TrainingData data, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ScoredItem[] Recommend(int user, int k, ReadOnlySpan<int> exclude = default) => lists[user].Take(k).ToArray();

        public ScoredItem[] RecommendFromItems(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int k, ReadOnlySpan<int> exclude = default) =>
            throw new NotSupportedException();

        public ScoredItem[] SimilarItems(int item, int k) => throw new NotSupportedException();

        public void Save(ArtifactWriter writer) => throw new NotSupportedException();
    }
}
