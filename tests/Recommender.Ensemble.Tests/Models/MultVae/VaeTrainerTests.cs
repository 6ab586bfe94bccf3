using Recommender.Ensemble.Models;
using Recommender.Ensemble.Models.MultVae;

namespace Recommender.Ensemble.Tests.Models.MultVae;

public class VaeTrainerTests
{
    /// <summary>
    /// Every entry of every parameter array: the back-propagated gradient equals the central difference of the loss
    /// the same pass returns, with the batch's dropout and noise held fixed. Covers the likelihood over all items
    /// (dropped ones included), the reparameterised code, the KL term at β ≠ 0, the L2 penalty and the dropout scaling.
    /// </summary>
    [Fact]
    public void Gradients_match_finite_differences_of_the_loss()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 3, itemsPerGroup: 5, seed: 3);
        var options = new MultVaeOptions(hidden: 6, latent: 3, l2: 0.01f, dropout: 0.3f, batchSize: train.UserCount);
        var network = VaeNetwork.Initialise(train.ItemCount, options.Hidden, options.Latent, seed: 5);
        var trainer = new VaeTrainer(network, options, seed: 9);
        int[] batch = [.. Enumerable.Range(0, train.UserCount)];
        const float beta = 0.4f;
        const float step = 5e-3f;
        trainer.Draw(train.ByUser, batch);
        trainer.Backpropagate(train.ByUser, batch, beta);
        var analytic = trainer.Gradients.Select(g => g.ToArray()).ToArray();

        var checkedEntries = 0;
        for (var p = 0; p < network.Parameters.Length; p++)
        {
            var values = network.Parameters[p];
            for (var i = 0; i < values.Length; i++)
            {
                var original = values[i];
                values[i] = original + step;
                var up = trainer.Backpropagate(train.ByUser, batch, beta);
                values[i] = original - step;
                var down = trainer.Backpropagate(train.ByUser, batch, beta);
                values[i] = original;
                var numeric = (up - down) / (2 * step);

                Assert.True(Math.Abs(analytic[p][i] - numeric) <= 2e-3 + 0.02 * Math.Abs(numeric),
                    $"parameter array {p}, entry {i}: back-propagated {analytic[p][i]}, finite difference {numeric}");
                checkedEntries++;
            }
        }
        Assert.Equal(10 * 6 + 6 + 6 * 6 + 6 + 3 * 6 + 6 + 6 * 10 + 10, checkedEntries);
    }

    [Fact]
    public void A_step_lowers_the_loss_of_its_batch()
    {
        var (train, _) = TestMatrices.PlantedBlocks(groups: 2, usersPerGroup: 10, itemsPerGroup: 6, seed: 3);
        var options = new MultVaeOptions(hidden: 16, latent: 4, dropout: 0, learningRate: 0.01f, batchSize: train.UserCount, klWeight: 0);
        var network = VaeNetwork.Initialise(train.ItemCount, options.Hidden, options.Latent, seed: 2);
        var trainer = new VaeTrainer(network, options, seed: 4);
        int[] batch = [.. Enumerable.Range(0, train.UserCount)];
        trainer.Draw(train.ByUser, batch);
        var before = trainer.Backpropagate(train.ByUser, batch, beta: 0);

        for (var s = 0; s < 50; s++)
            trainer.Step(train.ByUser, batch, beta: 0);
        trainer.Draw(train.ByUser, batch);
        var after = trainer.Backpropagate(train.ByUser, batch, beta: 0);

        Assert.True(after < 0.8 * before, $"loss {before} → {after} after 50 Adam steps");
    }
}
