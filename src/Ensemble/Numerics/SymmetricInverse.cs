namespace Recommender.Ensemble.Numerics;

/// <summary>
/// In-place inverse of a symmetric positive-definite matrix: A = L·Lᵀ (<see cref="Cholesky"/>), V = L⁻ᵀ, A⁻¹ = V·Vᵀ.
/// Each stage is arranged so its bulk is the row·row product C += α·A·Bᵀ of
/// <see cref="DenseKernels.MultiplyAddTransposed"/>, so the whole inverse costs about n³ flops, nearly all of them
/// in that parallel kernel, and needs no second n × n buffer:
/// <list type="bullet">
/// <item>V (upper triangular) is built block column by block column in the upper triangle while L still occupies the
/// lower one (L's diagonal is kept aside); once a block of L has been used its rows are cleared, so every row of V
/// already finished is zero left of its diagonal, which lets the products start at the strip's first row.</item>
/// <item>A⁻¹ = V·Vᵀ is written into the (now zero) lower triangle strip by strip; a strip's own diagonal block is
/// accumulated aside and stored last because the strip's rows of V are still being read, then the lower triangle is
/// mirrored.</item>
/// </list>
/// </summary>
internal static class SymmetricInverse
{
    private const int BlockSize = Cholesky.BlockSize;
    private const int StripRows = 64;

    /// <summary>Replaces the n × n SPD matrix in <paramref name="matrix"/> (only its lower triangle is read) by its inverse.</summary>
    /// <exception cref="ArgumentException">The matrix is not (numerically) positive definite.</exception>
    public static void Invert(double[] matrix, int n, ParallelOptions parallel)
    {
        Cholesky.Factor(matrix, n, parallel);
        var factorDiagonal = new double[n];
        for (var i = 0; i < n; i++)
            factorDiagonal[i] = matrix[i * n + i];
        InvertTransposedFactor(matrix, n, factorDiagonal, parallel);
        MultiplyByTranspose(matrix, n, parallel);
        Parallel.For(0, (n + StripRows - 1) / StripRows, parallel, s =>
        {
            var end = Math.Min((s + 1) * StripRows, n);
            for (var i = s * StripRows; i < end; i++)
            {
                for (var j = i + 1; j < n; j++)
                    matrix[i * n + j] = matrix[j * n + i];
            }
        });
    }

    /// <summary>
    /// V = L⁻ᵀ into the upper triangle (V·Lᵀ = I, so row j of V solves V[j, r]·L[r, r] = δ_jr − Σ_{k&lt;r} V[j, k]·L[r, k]).
    /// Leaves the strict lower triangle zero.
    /// </summary>
    private static void InvertTransposedFactor(double[] matrix, int n, double[] factorDiagonal, ParallelOptions parallel)
    {
        for (var r0 = 0; r0 < n; r0 += BlockSize)
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            var r1 = Math.Min(r0 + BlockSize, n);
            var width = r1 - r0;
            // Rows j < r0: V[j, R] −= V[j, ..r0) · L[R, ..r0)ᵀ; strip rows are zero left of their diagonal.
            Parallel.For(0, (r0 + StripRows - 1) / StripRows, parallel, s =>
            {
                var j0 = s * StripRows;
                var rows = Math.Min(StripRows, r0 - j0);
                // V[j, R] starts from δ_jr = 0 here; the slot still holds the input's upper triangle.
                for (var j = j0; j < j0 + rows; j++)
                    Array.Clear(matrix, j * n + r0, width);
                DenseKernels.MultiplyAddTransposed(
                    -1.0,
                    matrix.AsSpan(j0 * n + j0), n,
                    matrix.AsSpan(r0 * n + j0), n,
                    matrix.AsSpan(j0 * n + r0), n,
                    rows, width, r0 - j0);
            });
            // Within the block: forward substitution against L[R, R] for every row j < r1.
            Parallel.For(0, (r1 + StripRows - 1) / StripRows, parallel, s =>
            {
                var end = Math.Min((s + 1) * StripRows, r1);
                for (var j = s * StripRows; j < end; j++)
                {
                    var row = matrix.AsSpan(j * n, n);
                    var first = Math.Max(j, r0);
                    for (var r = first; r < r1; r++)
                    {
                        var value = j < r0 ? row[r] : (j == r ? 1.0 : 0.0);
                        value -= DenseKernels.Dot(ref row[first], ref matrix[r * n + first], r - first);
                        row[r] = value / factorDiagonal[r];
                    }
                }
            });
            // L's rows in this block are used up: clear them so V's rows read as zero left of the diagonal.
            for (var r = r0; r < r1; r++)
                Array.Clear(matrix, r * n, r);
        }
    }

    /// <summary>Lower triangle of V·Vᵀ from the upper-triangular V (strict lower triangle zero on entry).</summary>
    private static void MultiplyByTranspose(double[] matrix, int n, ParallelOptions parallel)
    {
        var strips = (n + StripRows - 1) / StripRows;
        // Strip costs differ (rows of V shorten, columns to the left grow); many small strips let the runtime balance them.
        Parallel.For(0, strips, parallel, () => new double[StripRows * StripRows], (s, _, diagonalBlock) =>
        {
            var i0 = s * StripRows;
            var rows = Math.Min(StripRows, n - i0);
            var length = n - i0;
            // Left of the strip: P[i, j] = Σ_{k ≥ i0} V[i, k]·V[j, k] for j < i0, written straight into zeros.
            DenseKernels.MultiplyAddTransposed(
                1.0,
                matrix.AsSpan(i0 * n + i0), n,
                matrix.AsSpan(i0), n,
                matrix.AsSpan(i0 * n), n,
                rows, i0, length);
            // The strip's diagonal block reads rows of V that it would overwrite: accumulate aside, then store.
            Array.Clear(diagonalBlock);
            DenseKernels.MultiplyAddTransposed(
                1.0,
                matrix.AsSpan(i0 * n + i0), n,
                matrix.AsSpan(i0 * n + i0), n,
                diagonalBlock, StripRows,
                rows, rows, length);
            for (var r = 0; r < rows; r++)
                diagonalBlock.AsSpan(r * StripRows, r + 1).CopyTo(matrix.AsSpan((i0 + r) * n + i0, r + 1));
            return diagonalBlock;
        }, static _ => { });
    }
}
