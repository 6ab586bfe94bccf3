using Recommender.Ensemble.Data.Synthetic;

namespace Recommender.Ensemble.Tests.Data.Synthetic;

public class AliasTableTests
{
    [Fact]
    public void Draws_each_value_in_proportion_to_its_weight_and_never_a_zero_weight()
    {
        double[] weights = [1, 2, 0, 3, 4];
        int[] values = [10, 20, 30, 40, 50];
        var table = new AliasTable(weights, values);
        var random = new DeterministicRandom(123);
        var counts = new Dictionary<int, int>();
        const int draws = 200_000;

        for (var i = 0; i < draws; i++)
        {
            var value = table.Sample(random);
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        Assert.False(counts.ContainsKey(30));
        // Expected shares 0.1, 0.2, 0.3, 0.4; the standard error at 200,000 draws is about 0.001.
        Assert.Equal(0.1, counts[10] / (double)draws, 0.006);
        Assert.Equal(0.2, counts[20] / (double)draws, 0.006);
        Assert.Equal(0.3, counts[40] / (double)draws, 0.006);
        Assert.Equal(0.4, counts[50] / (double)draws, 0.006);
    }

    [Fact]
    public void All_zero_weights_have_no_mass()
    {
        Assert.False(new AliasTable([0.0, 0.0]).HasMass);
        Assert.True(new AliasTable([0.0, 1e-300]).HasMass);
        Assert.Throws<ArgumentException>(() => new AliasTable([1.0, -1.0]));
    }
}
