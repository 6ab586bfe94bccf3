using System.Numerics.Tensors;
using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Truncated SVD of a sparse matrix by randomized subspace iteration (Halko, Martinsson and Tropp 2011,
/// algorithms 4.4 and 5.1): sketch the range of A with a Gaussian test matrix, sharpen it with a few power
/// iterations (re-orthonormalising after every product so single precision does not collapse the small
/// directions), then solve the small projected problem exactly. A is only ever multiplied by dense panels of
/// rank + oversampling columns, so a 100,000-row TF-IDF matrix is never densified. Deterministic for a seed.
/// </summary>
public static class RandomizedSvd
{
    /// <param name="matrix">A, rows × columns.</param>
    /// <param name="rank">How many singular triplets are wanted; fewer come back when A is smaller.</param>
    /// <param name="oversampling">Extra sketch columns that make the leading subspace accurate (Halko: 5–10).</param>
    /// <param name="powerIterations">Passes of A Aᵀ that sharpen a slowly decaying spectrum (1–3 is typical).</param>
    public static TruncatedSvd Compute(CsrMatrix matrix, int rank, int oversampling, int powerIterations, int seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfNegative(oversampling);
        ArgumentOutOfRangeException.ThrowIfNegative(powerIterations);
        var rows = matrix.RowCount;
        var columns = matrix.ColumnCount;
        var width = Math.Min(rank + oversampling, Math.Min(rows, columns));
        var kept = Math.Min(rank, width);
        if (kept == 0)
            return new TruncatedSvd(rows, 0, [], []);

        var transposed = matrix.Transpose();
        var omega = new float[columns * width];
        new GaussianSampler(seed).Fill(omega);

        // Q: an orthonormal basis of range(A Ω), refined by power iterations: Q ← orth(A orth(Aᵀ Q)).
        var basis = new float[rows * width];
        var coBasis = new float[columns * width];
        SparseDenseProduct.Multiply(matrix, omega, width, basis, cancellationToken);
        Orthonormalization.Orthonormalize(basis, rows, width, cancellationToken);
        for (var iteration = 0; iteration < powerIterations; iteration++)
        {
            SparseDenseProduct.Multiply(transposed, basis, width, coBasis, cancellationToken);
            Orthonormalization.Orthonormalize(coBasis, columns, width, cancellationToken);
            SparseDenseProduct.Multiply(matrix, coBasis, width, basis, cancellationToken);
            Orthonormalization.Orthonormalize(basis, rows, width, cancellationToken);
        }

        // B = Qᵀ A (width × columns) is what remains to decompose. With Bᵀ = Aᵀ Q = Q' R, B Bᵀ = Rᵀ R: its
        // eigenvectors are B's left singular vectors and its eigenvalues B's squared singular values. Squaring
        // the small R in double loses nothing that squaring the tall panel in single precision would.
        SparseDenseProduct.Multiply(transposed, basis, width, coBasis, cancellationToken);
        var r = Orthonormalization.Orthonormalize(coBasis, columns, width, cancellationToken);
        var (eigenvalues, eigenvectors) = SymmetricEigen.Decompose(TransposeTimesSelf(r, width), width);

        var singularValues = new double[kept];
        for (var k = 0; k < kept; k++)
            singularValues[k] = Math.Sqrt(Math.Max(0, eigenvalues[k]));
        return new TruncatedSvd(rows, kept, LeftVectors(basis, rows, width, eigenvectors, kept), singularValues);
    }

    /// <summary>Rᵀ R in double for a row-major n × n matrix R.</summary>
    private static double[] TransposeTimesSelf(float[] r, int n)
    {
        var product = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                    sum += (double)r[k * n + i] * r[k * n + j];
                product[i * n + j] = sum;
                product[j * n + i] = sum;
            }
        }
        return product;
    }

    /// <summary>U = Q W[:, :kept], row by row: each row of U mixes one row of Q by the leading eigenvectors.</summary>
    private static float[] LeftVectors(float[] basis, int rows, int width, double[] eigenvectors, int kept)
    {
        var mixing = new float[width * kept];
        for (var i = 0; i < width; i++)
        {
            for (var k = 0; k < kept; k++)
                mixing[i * kept + k] = (float)eigenvectors[i * width + k];
        }
        var left = new float[rows * kept];
        for (var row = 0; row < rows; row++)
        {
            var output = left.AsSpan(row * kept, kept);
            var q = basis.AsSpan(row * width, width);
            for (var i = 0; i < width; i++)
            {
                if (q[i] != 0)
                    TensorPrimitives.MultiplyAdd(mixing.AsSpan(i * kept, kept), q[i], output, output);
            }
        }
        return left;
    }
}
