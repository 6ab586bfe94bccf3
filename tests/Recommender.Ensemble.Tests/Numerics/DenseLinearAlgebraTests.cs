using Recommender.Ensemble.Numerics;
using Recommender.Ensemble.Tests.Models;

namespace Recommender.Ensemble.Tests.Numerics;

public class DenseLinearAlgebraTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 4, 8)]
    [InlineData(5, 7, 3)]
    [InlineData(9, 6, 17)]
    [InlineData(64, 64, 300)]
    [InlineData(66, 13, 513)]
    public void Product_with_transpose_matches_triple_loop(int m, int n, int k)
    {
        var random = new Random(m * 1000 + n * 10 + k);
        const int lda = 600, ldb = 610, ldc = 70;
        var a = Enumerable.Range(0, m * lda).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, n * ldb).Select(_ => random.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Range(0, m * ldc).Select(_ => random.NextDouble()).ToArray();
        var expected = (double[])c.Clone();
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var t = 0; t < k; t++)
                    sum += a[i * lda + t] * b[j * ldb + t];
                expected[i * ldc + j] -= 2 * sum;
            }
        }

        DenseKernels.MultiplyAddTransposed(-2, a, lda, b, ldb, c, ldc, m, n, k);

        for (var i = 0; i < c.Length; i++)
            Assert.Equal(expected[i], c[i], 1e-10);
    }

    [Fact]
    public void Scalar_tile_matches_vector_tiles()
    {
        var random = new Random(3);
        const int k = 37, ld = 40;
        var a = Enumerable.Range(0, 4 * ld).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 4 * ld).Select(_ => random.NextDouble()).ToArray();
        var viaKernel = new double[16];
        var viaScalar = new double[16];

        DenseKernels.MultiplyAddTransposed(1, a, ld, b, ld, viaKernel, 4, 4, 4, k);
        DenseKernels.Tile4x4Scalar(1, ref a[0], ld, ref b[0], ld, ref viaScalar[0], 4, k);

        for (var i = 0; i < 16; i++)
            Assert.Equal(viaScalar[i], viaKernel[i], 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    [InlineData(200)]
    public void Cholesky_factor_reconstructs_the_matrix_and_solves(int n)
    {
        var a = ReferenceAlgebra.RandomSpd(n, n);
        var factor = (double[])a.Clone();

        Cholesky.Factor(factor, n, new ParallelOptions());

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var t = 0; t <= j; t++)
                    sum += factor[i * n + t] * factor[j * n + t];
                Assert.Equal(a[i * n + j], sum, 1e-9 * n);
            }
        }
        var b = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
        var x = (double[])b.Clone();
        Cholesky.Solve(factor, n, x);
        var expected = ReferenceAlgebra.Solve(a, b);
        for (var i = 0; i < n; i++)
            Assert.Equal(expected[i], x[i], 1e-10);
    }

    [Fact]
    public void Cholesky_rejects_an_indefinite_matrix()
    {
        double[] a = [1, 2, 2, 1];
        Assert.Throws<ArgumentException>(() => Cholesky.Factor(a, 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(129)]
    [InlineData(257)]
    public void Inverse_matches_gauss_jordan(int n)
    {
        var a = ReferenceAlgebra.RandomSpd(n, 7 * n);
        var inverse = (double[])a.Clone();
        // Only the lower triangle is input: scribble on the upper one to prove it.
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
                inverse[i * n + j] = double.NaN;
        }

        SymmetricInverse.Invert(inverse, n, new ParallelOptions());

        var expected = ReferenceAlgebra.Invert(a, n);
        for (var i = 0; i < n * n; i++)
            Assert.Equal(expected[i], inverse[i], 1e-12);
        var identity = ReferenceAlgebra.Multiply(a, inverse, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                Assert.Equal(i == j ? 1.0 : 0.0, identity[i * n + j], 1e-9);
        }
    }

    [Fact]
    public void Inverse_honours_cancellation()
    {
        var a = ReferenceAlgebra.RandomSpd(130, 1);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SymmetricInverse.Invert(a, 130, new ParallelOptions { CancellationToken = source.Token }));
    }
}
