using Microsoft.ML;
using Microsoft.ML.Data;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

public class BoostedTreesTests
{
    /// <summary>Groups of 30 candidates, 3 features; only feature 1 decides the label (1 when it exceeds 0.7).</summary>
    internal static List<LearnedRankerTrainer.Group> PlantedGroups(int groups, int seed)
    {
        var random = new Random(seed);
        var result = new List<LearnedRankerTrainer.Group>();
        for (var g = 0; g < groups; g++)
        {
            const int rows = 30;
            var features = new float[rows * 3];
            var labels = new float[rows];
            for (var r = 0; r < rows; r++)
            {
                features[r * 3] = (float)random.NextDouble();
                features[r * 3 + 1] = (float)random.NextDouble();
                features[r * 3 + 2] = (float)random.NextDouble() * 100;
                labels[r] = features[r * 3 + 1] > 0.7f ? 1 : 0;
            }
            result.Add(new LearnedRankerTrainer.Group(features, labels));
        }
        return result;
    }

    [Fact]
    public void Extracted_trees_score_exactly_as_the_MLNET_model()
    {
        var groups = PlantedGroups(100, seed: 3);
        var options = new LearnedRankerOptions(trees: 20, leaves: 8, minExamplesPerLeaf: 5);
        var ml = new MLContext(0);
        var model = LearnedRankerTrainer.FitMlNet(ml, groups, 3, options, TestContext.Current.CancellationToken);
        var trees = BoostedTrees.FromMlNet(model.LastTransformer.Model.TrainedTreeEnsemble, 3);

        var scored = model.Transform(LearnedRankerTrainer.ToDataView(ml, groups, 3));
        var expected = scored.GetColumn<float>("Score").ToArray();
        var features = groups.SelectMany(g => Enumerable.Range(0, g.Labels.Length).Select(r => g.Features.AsSpan(r * 3, 3).ToArray())).ToArray();

        Assert.Equal(expected.Length, features.Length);
        Assert.Equal(20, trees.TreeCount);
        for (var i = 0; i < features.Length; i++)
            Assert.Equal(expected[i], (float)trees.Score(features[i]), 1e-4f);
    }
}
