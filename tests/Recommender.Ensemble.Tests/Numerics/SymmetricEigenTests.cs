using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Tests.Numerics;

public class SymmetricEigenTests
{
    [Fact]
    public void Decomposes_a_matrix_with_eigenvalues_worked_out_by_hand()
    {
        // [[2, 1], [1, 2]] has eigenvalues 3 (along (1, 1)) and 1 (along (1, −1)); the third axis is decoupled with 5.
        double[] matrix =
        [
            2, 1, 0,
            1, 2, 0,
            0, 0, 5,
        ];

        var (values, vectors) = SymmetricEigen.Decompose(matrix, 3);

        Assert.Equal(5, values[0], 12);
        Assert.Equal(3, values[1], 12);
        Assert.Equal(1, values[2], 12);
        var s = Math.Sqrt(0.5);
        AssertColumnParallel(vectors, 3, 0, [0, 0, 1]);
        AssertColumnParallel(vectors, 3, 1, [s, s, 0]);
        AssertColumnParallel(vectors, 3, 2, [s, -s, 0]);
    }

    [Fact]
    public void Eigenvectors_of_a_rotated_diagonal_matrix_reconstruct_it()
    {
        // A = R D Rᵀ with R a rotation by 30° in the (0, 2) plane and D = diag(4, −1, 0.25).
        var c = Math.Cos(Math.PI / 6);
        var s = Math.Sin(Math.PI / 6);
        double[] r = [c, 0, -s, 0, 1, 0, s, 0, c];
        double[] d = [4, -1, 0.25];
        var a = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 3; k++)
                    a[i * 3 + j] += r[i * 3 + k] * d[k] * r[j * 3 + k];
            }
        }

        var (values, vectors) = SymmetricEigen.Decompose(a, 3);

        Assert.Equal([4, 0.25, -1], values.Select(v => Math.Round(v, 10)));
        AssertColumnParallel(vectors, 3, 0, [c, 0, s]);
        AssertColumnParallel(vectors, 3, 1, [-s, 0, c]);
        AssertColumnParallel(vectors, 3, 2, [0, 1, 0]);
    }

    private static void AssertColumnParallel(double[] vectors, int n, int column, double[] expected)
    {
        var dot = 0.0;
        for (var row = 0; row < n; row++)
            dot += vectors[row * n + column] * expected[row];
        Assert.Equal(1, Math.Abs(dot), 10);
    }
}
