using Recommender.Ensemble.Data;
using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Tests.Numerics;

public class RandomizedSvdTests
{
    [Fact]
    public void Recovers_known_singular_values_when_the_sketch_spans_the_whole_range()
    {
        // U: the first 6 columns of the 8 × 8 Sylvester–Hadamard matrix / √8 (orthonormal by construction);
        // V: a signed permutation. A = U Σ Vᵀ therefore has exactly the singular values Σ.
        double[] sigma = [5, 3, 2, 1, 0.5, 0.1];
        var u = HadamardColumns(8, 6);
        var v = SignedPermutation([3, 0, 5, 1, 4, 2], [1, -1, 1, 1, -1, 1]);
        var a = Compose(u, 8, sigma, v, 6);

        var svd = RandomizedSvd.Compute(a, rank: 4, oversampling: 2, powerIterations: 1, seed: 7, TestContext.Current.CancellationToken);

        Assert.Equal(4, svd.Rank);
        for (var k = 0; k < 4; k++)
            Assert.Equal(sigma[k], svd.SingularValues[k], 4);
        for (var k = 0; k < 4; k++)
            Assert.Equal(1, Math.Abs(ColumnDot(svd.LeftVectors, 4, k, u, 6, k, 8)), 4);
    }

    [Fact]
    public void Power_iterations_find_the_leading_values_of_a_decaying_spectrum_from_a_small_sketch()
    {
        // 40 × 30, σ_k = 10 · 0.6^k, U and V products of plane rotations. The sketch has 10 columns for 30
        // directions, so only the power iterations make the leading five accurate.
        const int rows = 40, columns = 30;
        var sigma = Enumerable.Range(0, columns).Select(k => 10 * Math.Pow(0.6, k)).ToArray();
        var u = Rotations(rows, columns, 0.4);
        var v = Rotations(columns, columns, 1.1);
        var a = Compose(u, rows, sigma, v, columns);

        var svd = RandomizedSvd.Compute(a, rank: 5, oversampling: 5, powerIterations: 2, seed: 42, TestContext.Current.CancellationToken);

        Assert.Equal(5, svd.Rank);
        for (var k = 0; k < 5; k++)
        {
            Assert.InRange(svd.SingularValues[k] / sigma[k], 1 - 1e-3, 1 + 1e-3);
            Assert.InRange(Math.Abs(ColumnDot(svd.LeftVectors, 5, k, u, columns, k, rows)), 1 - 1e-3, 1.0001);
        }
    }

    [Fact]
    public void Is_deterministic_for_a_seed()
    {
        var a = Compose(Rotations(20, 12, 0.7), 20, Enumerable.Range(0, 12).Select(k => 12.0 - k).ToArray(), Rotations(12, 12, 0.2), 12);

        var first = RandomizedSvd.Compute(a, 4, 2, 1, seed: 3, TestContext.Current.CancellationToken);
        var second = RandomizedSvd.Compute(a, 4, 2, 1, seed: 3, TestContext.Current.CancellationToken);

        Assert.Equal(first.SingularValues, second.SingularValues);
        Assert.Equal(first.LeftVectors, second.LeftVectors);
    }

    [Fact]
    public void Rank_is_capped_by_the_matrix_and_empty_rows_get_zero_left_vectors()
    {
        // Rows 0 and 2 are empty; rows 1 and 3 are (3, 0) and (0, 4): singular values 4 and 3.
        var a = CsrMatrix.FromCoordinates(4, 2, [1, 3], [0, 1], [3f, 4f]);

        var svd = RandomizedSvd.Compute(a, rank: 64, oversampling: 10, powerIterations: 2, seed: 1, TestContext.Current.CancellationToken);

        Assert.Equal(2, svd.Rank);
        Assert.Equal(4, svd.SingularValues[0], 5);
        Assert.Equal(3, svd.SingularValues[1], 5);
        Assert.Equal([0f, 0f], svd.LeftVectors.AsSpan(0, 2).ToArray());
        Assert.Equal([0f, 0f], svd.LeftVectors.AsSpan(4, 2).ToArray());
        Assert.Equal(1, Math.Abs(svd.LeftVectors[3 * 2 + 0]), 5);
        Assert.Equal(1, Math.Abs(svd.LeftVectors[1 * 2 + 1]), 5);
    }

    /// <summary>Columns of the Sylvester–Hadamard matrix H_n / √n: entry (i, j) = (−1)^popcount(i & j) / √n.</summary>
    private static double[] HadamardColumns(int n, int columns)
    {
        var result = new double[n * columns];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < columns; j++)
                result[i * columns + j] = (System.Numerics.BitOperations.PopCount((uint)(i & j)) % 2 == 0 ? 1 : -1) / Math.Sqrt(n);
        }
        return result;
    }

    /// <summary>V[row, k] = sign[k] where row = target[k]: column k is ± a unit axis.</summary>
    private static double[] SignedPermutation(int[] target, int[] sign)
    {
        var n = target.Length;
        var result = new double[n * n];
        for (var k = 0; k < n; k++)
            result[target[k] * n + k] = sign[k];
        return result;
    }

    /// <summary>
    /// The first <paramref name="columns"/> columns of G_{n−2} ⋯ G_0, where G_i rotates the plane (i, i+1) by
    /// angle base + 0.1 i: a product of rotations is orthogonal, so its columns are orthonormal.
    /// </summary>
    private static double[] Rotations(int n, int columns, double angleBase)
    {
        var q = new double[n * n];
        for (var i = 0; i < n; i++)
            q[i * n + i] = 1;
        for (var plane = 0; plane < n - 1; plane++)
        {
            var c = Math.Cos(angleBase + 0.1 * plane);
            var s = Math.Sin(angleBase + 0.1 * plane);
            for (var col = 0; col < n; col++)
            {
                var top = q[plane * n + col];
                var bottom = q[(plane + 1) * n + col];
                q[plane * n + col] = c * top - s * bottom;
                q[(plane + 1) * n + col] = s * top + c * bottom;
            }
        }
        var result = new double[n * columns];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < columns; j++)
                result[i * columns + j] = q[i * n + j];
        }
        return result;
    }

    /// <summary>A = U diag(σ) Vᵀ as a (fully stored) sparse matrix; U is rows × r, V is columns × r.</summary>
    private static CsrMatrix Compose(double[] u, int rows, double[] sigma, double[] v, int columns)
    {
        var r = sigma.Length;
        var rowIndex = new List<int>();
        var columnIndex = new List<int>();
        var values = new List<float>();
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < r; k++)
                    sum += u[i * r + k] * sigma[k] * v[j * r + k];
                rowIndex.Add(i);
                columnIndex.Add(j);
                values.Add((float)sum);
            }
        }
        return CsrMatrix.FromCoordinates(rows, columns, rowIndex.ToArray(), columnIndex.ToArray(), values.ToArray());
    }

    private static double ColumnDot(float[] left, int leftWidth, int leftColumn, double[] right, int rightWidth, int rightColumn, int rows)
    {
        var dot = 0.0;
        for (var i = 0; i < rows; i++)
            dot += left[i * leftWidth + leftColumn] * right[i * rightWidth + rightColumn];
        return dot;
    }
}
