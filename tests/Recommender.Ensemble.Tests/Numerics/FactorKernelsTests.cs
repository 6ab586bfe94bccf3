using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Tests.Numerics;

public class FactorKernelsTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(24)]
    [InlineData(64)]
    [InlineData(72)]
    public void Kernels_match_naive_loops(int f)
    {
        var random = new Random(f);
        var a = Enumerable.Range(0, f).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, f).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var m = new float[f * f];
        for (var i = 0; i < f; i++)
        {
            for (var j = 0; j <= i; j++)
                m[i * f + j] = m[j * f + i] = (float)(random.NextDouble() - 0.5);
        }

        var dot = FactorKernels.Dot(ref a[0], ref b[0], f);
        var accumulated = (float[])b.Clone();
        FactorKernels.MultiplyAdd(ref a[0], 0.5f, ref accumulated[0], f);
        var product = new float[f];
        FactorKernels.SymmetricMultiply(m, a, product);

        Assert.Equal(Enumerable.Range(0, f).Sum(i => (double)a[i] * b[i]), dot, 1e-5);
        for (var i = 0; i < f; i++)
        {
            Assert.Equal(b[i] + 0.5 * a[i], accumulated[i], 1e-6);
            Assert.Equal(Enumerable.Range(0, f).Sum(j => (double)m[i * f + j] * a[j]), product[i], 1e-4);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(32)]
    public void Gram_matrix_is_the_sum_of_outer_products(int f)
    {
        const int rows = 1000;
        var random = new Random(9);
        var y = Enumerable.Range(0, rows * f).Select(_ => (float)random.NextDouble()).ToArray();

        var gram = GramMatrix.Compute(y, rows, f, new ParallelOptions());

        for (var i = 0; i < f; i++)
        {
            for (var j = 0; j < f; j++)
            {
                var expected = Enumerable.Range(0, rows).Sum(r => (double)y[r * f + i] * y[r * f + j]);
                Assert.Equal(expected, gram[i * f + j], expected * 1e-5);
            }
        }
    }
}
