using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Tests.Models;

public class MultVaeRecommenderTests
{
    /// <summary>Small enough to train in well under a second; 60 epochs so that 120 users give 120 Adam steps.</summary>
    private static readonly MultVaeOptions SmallOptions = new(hidden: 32, latent: 8, epochs: 60, batchSize: 20, networks: 2, seed: 7);

    [Fact]
    public void Recovers_a_planted_block_structure()
    {
        var (train, heldOut) = TestMatrices.PlantedBlocks(groups: 4, usersPerGroup: 30, itemsPerGroup: 10, seed: 11);
        var model = new MultVaeRecommender(SmallOptions);
        model.Fit(train, TestContext.Current.CancellationToken);

        // As for ALS: the held-out item cannot be told apart from the user's other unseen in-block items, but all of
        // them must rank above every item of the other blocks.
        var hits = TestMatrices.BlockHits(model, train, heldOut, usersPerGroup: 30, itemsPerGroup: 10);

        Assert.True(hits >= 0.95 * train.UserCount, $"held-out item beaten by another block's item for {train.UserCount - hits} of {train.UserCount} users");
    }

    [Fact]
    public void An_untrained_network_does_not_recover_the_blocks()
    {
        // The control for the test above: one step of training (1 epoch of one batch) leaves the ranking near random.
        var (train, heldOut) = TestMatrices.PlantedBlocks(groups: 4, usersPerGroup: 30, itemsPerGroup: 10, seed: 11);
        var model = new MultVaeRecommender(SmallOptions with { Epochs = 1, BatchSize = 120 });
        model.Fit(train, TestContext.Current.CancellationToken);

        var hits = TestMatrices.BlockHits(model, train, heldOut, usersPerGroup: 30, itemsPerGroup: 10);

        Assert.True(hits < 0.6 * train.UserCount, $"{hits} of {train.UserCount} hits after a single step");
    }

    [Fact]
    public void Fold_in_of_a_known_users_items_equals_their_recommendations()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 10, itemsPerGroup: 8, seed: 3);
        var model = new MultVaeRecommender(SmallOptions);
        model.Fit(train, TestContext.Current.CancellationToken);

        for (var u = 0; u < train.UserCount; u++)
        {
            var items = train.ItemsOf(u).ToArray();
            // Reversed and repeated: the encoder reads the set of items, whatever the order or repetitions.
            int[] shuffled = [.. items.Reverse(), items[0]];
            Assert.Equal(model.Recommend(u, 6), model.RecommendFromItems(shuffled, [], 6));
        }
    }

    [Fact]
    public void Similar_items_are_the_recommendations_for_a_single_item_history()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 10, itemsPerGroup: 8, seed: 3);
        var model = new MultVaeRecommender(SmallOptions);
        model.Fit(train, TestContext.Current.CancellationToken);

        for (var i = 0; i < train.ItemCount; i++)
            Assert.Equal(model.RecommendFromItems([i], [], 5), model.SimilarItems(i, 5));
        // Item 0's block is items 0–7: its nearest items come from there.
        Assert.All(model.SimilarItems(0, 5), s => Assert.InRange(s.Item, 1, 7));
    }

    [Fact]
    public void Scores_are_the_mean_of_the_networks_logits()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 10, itemsPerGroup: 6, seed: 5);
        var pair = new MultVaeRecommender(SmallOptions with { Networks = 2, Seed = 3 });
        var first = new MultVaeRecommender(SmallOptions with { Networks = 1, Seed = 3 });
        var second = new MultVaeRecommender(SmallOptions with { Networks = 1, Seed = 4 });
        foreach (var model in new[] { pair, first, second })
            model.Fit(train, TestContext.Current.CancellationToken);
        int[] history = [0, 2, 3];

        var mean = pair.Logits(history);
        var a = first.Logits(history);
        var b = second.Logits(history);

        Assert.NotEqual(a, b);
        for (var i = 0; i < mean.Length; i++)
            Assert.Equal((a[i] + b[i]) / 2, mean[i], 1e-5f);
    }

    [Fact]
    public void Fitting_is_deterministic_for_a_seed()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 10, itemsPerGroup: 6, seed: 5);
        var once = new MultVaeRecommender(SmallOptions);
        var again = new MultVaeRecommender(SmallOptions);
        once.Fit(train, TestContext.Current.CancellationToken);
        again.Fit(train, TestContext.Current.CancellationToken);

        Assert.Equal(once.Logits([1, 4]), again.Logits([1, 4]));
    }

    [Fact]
    public void Exclusions_are_honoured()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 10, itemsPerGroup: 6, seed: 2);
        var model = new MultVaeRecommender(SmallOptions);
        model.Fit(train, TestContext.Current.CancellationToken);

        TestMatrices.AssertExclusionsHonoured(model, train, exclude: [0, 11]);
        Assert.Empty(model.Recommend(3, 0));
        Assert.Empty(model.RecommendFromItems([], [], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.RecommendFromItems([train.ItemCount], [], 5));
    }

    [Fact]
    public void Save_then_load_recommends_identically()
    {
        var (train, model) = FittedOnPlantedBlocks();
        using var artifacts = new ArtifactRoundTrip();
        var parameters = Saved(model, artifacts);

        var loaded = MultVaeRecommender.Load(artifacts.Reader(), train, parameters);

        Assert.Equal(model.Options, loaded.Options);
        for (var u = 0; u < train.UserCount; u++)
            Assert.Equal(model.Recommend(u, 5, [1]), loaded.Recommend(u, 5, [1]));
        Assert.Equal(model.Logits([3, 9]), loaded.Logits([3, 9]));
    }

    [Fact]
    public void Load_refuses_networks_of_another_catalogue()
    {
        var (_, model) = FittedOnPlantedBlocks();
        using var artifacts = new ArtifactRoundTrip();
        var parameters = Saved(model, artifacts);
        var (other, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 4, itemsPerGroup: 5, seed: 1);

        var error = Assert.Throws<ModelArtifactException>(() => MultVaeRecommender.Load(artifacts.Reader(), other, parameters));
        Assert.Contains("10-item network", error.Message);
    }

    [Fact]
    public void Cancellation_stops_fitting()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 8, itemsPerGroup: 30, seed: 8);
        var model = new MultVaeRecommender(SmallOptions);
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(train, source.Token));
        Assert.Throws<InvalidOperationException>(() => model.Interactions);
    }

    [Fact]
    public void A_catalogue_above_the_limit_is_refused_with_the_reason()
    {
        var matrix = TestMatrices.From(2, MultVaeRecommender.MaxItems + 1, (0, 0, 1f), (1, MultVaeRecommender.MaxItems, 1f));
        var model = new MultVaeRecommender(SmallOptions);

        var error = Assert.Throws<NotSupportedException>(() => model.Fit(matrix, TestContext.Current.CancellationToken));
        Assert.Contains("at most 20,000 items", error.Message);
        Assert.Throws<InvalidOperationException>(() => model.Interactions);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(hidden: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(latent: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(epochs: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(l2: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(dropout: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(learningRate: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(klWeight: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultVaeOptions(networks: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<MultVaeOptions>("""{"dropout": 1.5}""", JsonSerializerOptions.Web));
    }

    /// <summary>A small model fitted on three planted blocks of 7 items (21 in all).</summary>
    private static (InteractionMatrix Train, MultVaeRecommender Model) FittedOnPlantedBlocks()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 3, usersPerGroup: 8, itemsPerGroup: 7, seed: 8);
        var model = new MultVaeRecommender(SmallOptions);
        model.Fit(train, TestContext.Current.CancellationToken);
        return (train, model);
    }

    /// <summary>Writes the model's artifacts and returns its parameters as the registry stores them.</summary>
    private static JsonElement Saved(MultVaeRecommender model, ArtifactRoundTrip artifacts)
    {
        model.Save(artifacts.Writer);
        return JsonSerializer.SerializeToElement(model.Parameters, JsonSerializerOptions.Web);
    }
}
