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
        Orthonormalization.OrthonormalizeColumns(basis, rows, width);
        for (var iteration = 0; iteration < powerIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SparseDenseProduct.Multiply(transposed, basis, width, coBasis, cancellationToken);
            Orthonormalization.OrthonormalizeColumns(coBasis, columns, width);
            SparseDenseProduct.Multiply(matrix, coBasis, width, basis, cancellationToken);
            Orthonormalization.OrthonormalizeColumns(basis, rows, width);
        }
        cancellationToken.ThrowIfCancellationRequested();

        // B = Qᵀ A is width × columns; B Bᵀ = (Aᵀ Q)ᵀ (Aᵀ Q) is width × width, and its eigenvectors are B's left
        // singular vectors, its eigenvalues B's squared singular values.
        SparseDenseProduct.Multiply(transposed, basis, width, coBasis, cancellationToken);
        var gram = Gram(DenseTranspose.Of(coBasis, columns, width), columns, width);
        var (eigenvalues, eigenvectors) = SymmetricEigen.Decompose(gram, width);

        var singularValues = new double[kept];
        for (var k = 0; k < kept; k++)
            singularValues[k] = Math.Sqrt(Math.Max(0, eigenvalues[k]));
        return new TruncatedSvd(rows, kept, LeftVectors(basis, rows, width, eigenvectors, kept), singularValues);
    }

    /// <summary>Zᵀ Z for a column-major rows × width panel Z.</summary>
    private static double[] Gram(float[] byColumn, int rows, int width)
    {
        var gram = new double[width * width];
        for (var i = 0; i < width; i++)
        {
            var left = byColumn.AsSpan(i * rows, rows);
            for (var j = i; j < width; j++)
            {
                var dot = (double)TensorPrimitives.Dot(left, byColumn.AsSpan(j * rows, rows));
                gram[i * width + j] = dot;
                gram[j * width + i] = dot;
            }
        }
        return gram;
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
