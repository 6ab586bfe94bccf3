using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Models.Content;

public class ContentMovieLensTests
{
    [Fact]
    public void Star_Wars_is_most_similar_to_its_sequels_and_other_science_fiction()
    {
        var dataset = MovieLensLoader.Load(MovieLensData.RequireFolder());
        var model = new ContentRecommender();
        model.Fit(new TrainingData(dataset.Interactions, dataset.Catalog), TestContext.Current.CancellationToken);
        var starWars = dataset.Catalog.Items.Single(i => i.Title == "Star Wars (1977)");

        var similar = model.SimilarItems(model.Index(starWars.Id), 10)
            .Select(s => dataset.Catalog.TryGet(model.Id(s.Item), out var item) ? item : throw new InvalidOperationException())
            .ToArray();

        Assert.Contains(similar, i => i.Title == "Return of the Jedi (1983)");
        Assert.Contains(similar, i => i.Title == "Empire Strikes Back, The (1980)");
        Assert.True(similar.Count(i => i.Categories.Contains("Sci-Fi")) >= 7,
            "Expected mostly Sci-Fi neighbours, got: " + string.Join("; ", similar.Select(i => i.Title)));
    }

    [Fact]
    public void Ranks_each_users_latest_ratings_well_above_chance()
    {
        // Holdout: each user's 5 latest ratings (ties in file order) are hidden; the rest is training.
        var dataset = MovieLensLoader.Load(MovieLensData.RequireFolder());
        var log = dataset.Interactions;
        var heldOut = Enumerable.Range(0, log.Count)
            .GroupBy(row => log.UserIndex[row])
            .SelectMany(rows => rows.OrderByDescending(row => log.Timestamp[row]).ThenByDescending(row => row).Take(5))
            .ToHashSet();
        var train = log.Subset(Enumerable.Range(0, log.Count).Where(row => !heldOut.Contains(row)).ToArray());
        var model = new ContentRecommender();
        model.Fit(new TrainingData(train, dataset.Catalog), TestContext.Current.CancellationToken);

        var test = heldOut.GroupBy(row => log.UserIndex[row]).ToDictionary(g => g.Key, g => g.Select(row => log.ItemIndex[row]).ToHashSet());
        double ndcg = 0, chance = 0;
        foreach (var (user, truth) in test)
        {
            var ideal = Enumerable.Range(1, Math.Min(10, truth.Count)).Sum(rank => 1 / Math.Log2(rank + 1));
            var ranked = model.Recommend(user, 10);
            ndcg += ranked.Select((s, r) => truth.Contains(s.Item) ? 1 / Math.Log2(r + 2) : 0).Sum() / ideal;
            // A uniformly random ranking of the unseen items hits with probability |truth| / |unseen| at every rank.
            var hitProbability = (double)truth.Count / (model.Interactions.ItemCount - model.Interactions.ItemsOf(user).Length);
            chance += Enumerable.Range(1, 10).Sum(rank => hitProbability / Math.Log2(rank + 1)) / ideal;
        }
        ndcg /= test.Count;
        chance /= test.Count;

        TestContext.Current.TestOutputHelper?.WriteLine($"content nDCG@10 {ndcg:F4}, chance {chance:F4}");
        Assert.True(ndcg > 2 * chance, $"nDCG@10 {ndcg:F4} vs chance {chance:F4}");
    }
}
