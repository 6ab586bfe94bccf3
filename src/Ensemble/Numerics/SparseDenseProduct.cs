using System.Numerics.Tensors;
using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Sparse × dense products for the randomized SVD: a CSR matrix times a row-major dense panel of a few dozen
/// columns, never densifying the sparse side. Each output row is an independent sum of scaled panel rows, so rows
/// are computed in parallel and the result does not depend on the thread schedule.
/// </summary>
internal static class SparseDenseProduct
{
    /// <summary>Rough number of multiply-adds of panel rows one parallel work item should cover.</summary>
    private const int WorkPerChunk = 8192;

    /// <summary>result (a.RowCount × width) = a × panel (a.ColumnCount × width), both row-major.</summary>
    public static void Multiply(CsrMatrix a, float[] panel, int width, float[] result, CancellationToken cancellationToken)
    {
        if (panel.Length != a.ColumnCount * width)
            throw new ArgumentException($"Panel must be {a.ColumnCount} × {width}.", nameof(panel));
        if (result.Length != a.RowCount * width)
            throw new ArgumentException($"Result must be {a.RowCount} × {width}.", nameof(result));
        Array.Clear(result);
        if (width == 0 || a.RowCount == 0)
            return;

        var meanRowLength = Math.Max(1, a.NonZeroCount / a.RowCount);
        var rowsPerChunk = Math.Max(1, WorkPerChunk / meanRowLength);
        var chunks = (a.RowCount + rowsPerChunk - 1) / rowsPerChunk;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var end = Math.Min(a.RowCount, (chunk + 1) * rowsPerChunk);
            for (var row = chunk * rowsPerChunk; row < end; row++)
            {
                var output = result.AsSpan(row * width, width);
                var columns = a.RowIndices(row);
                var values = a.RowValues(row);
                for (var p = 0; p < columns.Length; p++)
                    TensorPrimitives.MultiplyAdd(panel.AsSpan(columns[p] * width, width), values[p], output, output);
            }
        });
    }
}
