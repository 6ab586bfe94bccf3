using System.Numerics.Tensors;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Orthonormalises the columns of a tall panel by modified Gram–Schmidt, run twice per column ("twice is
/// enough": one re-orthogonalisation pass restores orthogonality lost to single-precision cancellation).
/// Works on a column-major copy so every dot product and update is a contiguous SIMD loop.
/// </summary>
internal static class Orthonormalization
{
    /// <summary>
    /// A column whose norm falls below this fraction of its norm before projection lies (numerically) in the span
    /// of the previous ones; it is zeroed rather than blown up into noise.
    /// </summary>
    private const float DependenceTolerance = 1e-4f;

    /// <summary>
    /// Replaces the columns of the row-major <paramref name="panel"/> (rows × columns) with an orthonormal basis
    /// of their span, column by column (the Q of a QR decomposition). Returns how many columns are non-zero.
    /// </summary>
    public static int OrthonormalizeColumns(float[] panel, int rows, int columns)
    {
        if (panel.Length != rows * columns)
            throw new ArgumentException($"Panel must be {rows} × {columns}.", nameof(panel));
        var byColumn = DenseTranspose.Of(panel, rows, columns);
        var rank = OrthonormalizeColumnMajor(byColumn, rows, columns);
        DenseTranspose.Into(byColumn, columns, rows, panel);
        return rank;
    }

    /// <summary>The same on a column-major panel: column c is <c>byColumn[c * rows .. (c + 1) * rows)</c>.</summary>
    public static int OrthonormalizeColumnMajor(float[] byColumn, int rows, int columns)
    {
        var rank = 0;
        for (var c = 0; c < columns; c++)
        {
            var column = byColumn.AsSpan(c * rows, rows);
            var before = TensorPrimitives.Norm(column);
            if (before > 0)
            {
                for (var pass = 0; pass < 2; pass++)
                {
                    for (var previous = 0; previous < c; previous++)
                    {
                        var basis = byColumn.AsSpan(previous * rows, rows);
                        var projection = TensorPrimitives.Dot(basis, column);
                        TensorPrimitives.MultiplyAdd(basis, -projection, column, column);
                    }
                }
            }
            var after = TensorPrimitives.Norm(column);
            if (before > 0 && after > DependenceTolerance * before)
            {
                TensorPrimitives.Divide(column, after, column);
                rank++;
            }
            else
            {
                column.Clear();
            }
        }
        return rank;
    }
}
