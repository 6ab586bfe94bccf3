using System.Numerics.Tensors;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Thin QR decomposition of a tall row-major panel (rows ≫ columns) as tall-skinny QR: the rows are cut into
/// blocks that fit in cache, each block is factored by modified Gram–Schmidt, the stacked small R factors are
/// factored the same way (recursively), and each block's Q is rotated by its slice of that second Q. Every pass
/// over the panel streams it once, blocks run in parallel, and the result does not depend on the thread schedule.
/// Plain column-by-column Gram–Schmidt on a 100,000-row panel re-reads all previous columns for every column,
/// which made it memory-bound and several times slower.
/// </summary>
internal static class Orthonormalization
{
    /// <summary>Rows per block: a 1,024 × 74 float block is ~300 KB and stays in L2 while it is factored.</summary>
    private const int MinimumBlockRows = 1024;

    /// <summary>
    /// A column whose norm falls below this fraction of its norm before projection lies (numerically) in the span
    /// of the previous ones: it is zeroed rather than blown up into noise.
    /// </summary>
    private const float DependenceTolerance = 1e-5f;

    /// <summary>
    /// Replaces the columns of the row-major <paramref name="panel"/> (rows × columns) by an orthonormal basis of
    /// their span (dependent columns become zero) and returns R (columns × columns, upper triangular, row-major)
    /// with panel_before = Q R.
    /// </summary>
    public static float[] Orthonormalize(float[] panel, int rows, int columns, CancellationToken cancellationToken = default)
    {
        if (panel.Length != rows * columns)
            throw new ArgumentException($"Panel must be {rows} × {columns}.", nameof(panel));
        return Factor(panel, rows, columns, cancellationToken);
    }

    private static float[] Factor(float[] panel, int rows, int columns, CancellationToken cancellationToken)
    {
        var blockRows = Math.Max(MinimumBlockRows, 4 * columns);
        if (rows < 2 * blockRows)
            return FactorBlock(panel.AsSpan(), rows, columns);

        // The last block takes the remainder, so every block has at least blockRows ≥ columns rows.
        var blocks = rows / blockRows;
        var square = columns * columns;
        var stacked = new float[blocks * square];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, blocks, options, b =>
        {
            var (start, count) = BlockRange(b, blocks, blockRows, rows);
            FactorBlock(panel.AsSpan(start * columns, count * columns), count, columns).CopyTo(stacked, b * square);
        });

        // [R_0; R_1; …] = Q_s R, so block b of the panel becomes Q_b · (rows b·columns.. of Q_s).
        var r = Factor(stacked, blocks * columns, columns, cancellationToken);
        Parallel.For(0, blocks, options, b =>
        {
            var (start, count) = BlockRange(b, blocks, blockRows, rows);
            var rotation = stacked.AsSpan(b * square, square);
            var row = new float[columns];
            for (var i = start; i < start + count; i++)
            {
                var target = panel.AsSpan(i * columns, columns);
                target.CopyTo(row);
                target.Clear();
                for (var k = 0; k < columns; k++)
                {
                    if (row[k] != 0)
                        TensorPrimitives.MultiplyAdd(rotation.Slice(k * columns, columns), row[k], target, target);
                }
            }
        });
        return r;
    }

    private static (int Start, int Count) BlockRange(int block, int blocks, int blockRows, int rows) =>
        (block * blockRows, block == blocks - 1 ? rows - block * blockRows : blockRows);

    /// <summary>Modified Gram–Schmidt, each column projected twice ("twice is enough" in single precision).</summary>
    private static float[] FactorBlock(Span<float> block, int rows, int columns)
    {
        var byColumn = new float[block.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < columns; c++)
                byColumn[c * rows + i] = block[i * columns + c];
        }

        var r = new float[columns * columns];
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
                        r[previous * columns + c] += projection;
                    }
                }
            }
            var after = TensorPrimitives.Norm(column);
            if (before > 0 && after > DependenceTolerance * before)
            {
                TensorPrimitives.Divide(column, after, column);
                r[c * columns + c] = after;
            }
            else
            {
                column.Clear();
            }
        }

        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < columns; c++)
                block[i * columns + c] = byColumn[c * rows + i];
        }
        return r;
    }
}
