using System.Numerics.Tensors;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Dense Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, in double, row-major, in place.
/// Blocked and left-looking (Crout): block column J is first brought up to date with one product
/// A[J.., J] −= L[J.., ..J] · L[J, ..J]ᵀ, which is row·row dot products and therefore fast on row-major storage
/// (<see cref="DenseKernels.MultiplyAddTransposed"/>), then its diagonal block is factored and the rows below are
/// solved against it. Almost all the n³/3 flops are in the product, which runs in parallel over row strips.
/// </summary>
internal static class Cholesky
{
    internal const int BlockSize = 64;
    private const int StripRows = 64;

    /// <summary>
    /// Replaces the lower triangle (diagonal included) of the n × n matrix in <paramref name="matrix"/> by L. Only the
    /// lower triangle is read; the strict upper triangle is used as scratch and left undefined.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not (numerically) positive definite.</exception>
    public static void Factor(double[] matrix, int n, ParallelOptions? parallel = null)
    {
        if (matrix.Length < n * n)
            throw new ArgumentException($"Expected {n} × {n} doubles.", nameof(matrix));
        for (var j0 = 0; j0 < n; j0 += BlockSize)
        {
            parallel?.CancellationToken.ThrowIfCancellationRequested();
            var j1 = Math.Min(j0 + BlockSize, n);
            var width = j1 - j0;
            if (j0 > 0)
                UpdateBlockColumn(matrix, n, j0, width, parallel);
            FactorDiagonalBlock(matrix, n, j0, j1);
            SolveRowsBelow(matrix, n, j0, j1, parallel);
        }
    }

    /// <summary>Solves L·Lᵀ·x = b in place, given the factor from <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> factor, int n, Span<double> rhs)
    {
        if (factor.Length < n * n || rhs.Length != n)
            throw new ArgumentException("Factor and right-hand side sizes disagree.");
        // Forward: L·z = b, row by row (dot products along rows of L).
        for (var i = 0; i < n; i++)
            rhs[i] = (rhs[i] - TensorPrimitives.Dot(factor.Slice(i * n, i), rhs[..i])) / factor[i * n + i];
        // Backward: Lᵀ·x = z, column-oriented so L is still read along rows.
        for (var i = n - 1; i >= 0; i--)
        {
            rhs[i] /= factor[i * n + i];
            var xi = rhs[i];
            if (xi != 0)
                TensorPrimitives.MultiplyAdd(factor.Slice(i * n, i), -xi, rhs[..i], rhs[..i]);
        }
    }

    /// <summary>A[j0.., J] −= L[j0.., 0..j0) · L[J, 0..j0)ᵀ, in parallel over strips of rows.</summary>
    private static void UpdateBlockColumn(double[] matrix, int n, int j0, int width, ParallelOptions? parallel)
    {
        var strips = (n - j0 + StripRows - 1) / StripRows;
        void Strip(int s)
        {
            var i0 = j0 + s * StripRows;
            var rows = Math.Min(StripRows, n - i0);
            DenseKernels.MultiplyAddTransposed(
                -1.0,
                matrix.AsSpan(i0 * n), n,
                matrix.AsSpan(j0 * n), n,
                matrix.AsSpan(i0 * n + j0), n,
                rows, width, j0);
        }
        if (parallel is null || strips == 1)
        {
            for (var s = 0; s < strips; s++)
                Strip(s);
        }
        else
        {
            Parallel.For(0, strips, parallel, Strip);
        }
    }

    /// <summary>Unblocked Crout on the diagonal block [j0, j1) (its left part is already up to date).</summary>
    private static void FactorDiagonalBlock(double[] matrix, int n, int j0, int j1)
    {
        for (var c = j0; c < j1; c++)
        {
            var rowC = matrix.AsSpan(c * n + j0, c - j0);
            var pivot = matrix[c * n + c] - TensorPrimitives.Dot(rowC, rowC);
            if (!(pivot > 0))
                throw new ArgumentException($"The matrix is not positive definite (pivot {c} is {pivot:G4}).", nameof(matrix));
            var diagonal = Math.Sqrt(pivot);
            matrix[c * n + c] = diagonal;
            for (var r = c + 1; r < j1; r++)
                matrix[r * n + c] = (matrix[r * n + c] - TensorPrimitives.Dot(matrix.AsSpan(r * n + j0, c - j0), rowC)) / diagonal;
        }
    }

    /// <summary>L[i, J] = A[i, J] · L[J, J]⁻ᵀ for every row i below the block: a forward substitution per row.</summary>
    private static void SolveRowsBelow(double[] matrix, int n, int j0, int j1, ParallelOptions? parallel)
    {
        var first = j1;
        var strips = (n - first + StripRows - 1) / StripRows;
        void Strip(int s)
        {
            var end = Math.Min(first + (s + 1) * StripRows, n);
            for (var i = first + s * StripRows; i < end; i++)
            {
                var row = matrix.AsSpan(i * n, n);
                for (var c = j0; c < j1; c++)
                    row[c] = (row[c] - TensorPrimitives.Dot(row[j0..c], matrix.AsSpan(c * n + j0, c - j0))) / matrix[c * n + c];
            }
        }
        if (parallel is null || strips <= 1)
        {
            for (var s = 0; s < strips; s++)
                Strip(s);
        }
        else
        {
            Parallel.For(0, strips, parallel, Strip);
        }
    }
}
