using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// YᵀY of a row-major rows × f matrix. Rows are summed in float within blocks of <see cref="BlockRows"/> (fast,
/// and a block's sum is short enough to stay accurate) and blocks are summed in double, so a Gram matrix of millions
/// of rows does not drift the way one long float sum would.
/// </summary>
internal static class GramMatrix
{
    private const int BlockRows = 256;

    /// <summary>The full (both triangles) f × f Gram matrix, row-major, in double.</summary>
    public static double[] Compute(float[] rowMajor, int rows, int dimension, ParallelOptions parallel)
    {
        if (rowMajor.Length < rows * dimension)
            throw new ArgumentException($"Expected at least {rows} × {dimension} floats.", nameof(rowMajor));
        var total = new double[dimension * dimension];
        if (rows == 0)
            return total;
        var gate = new Lock();
        var rangeSize = Math.Max(BlockRows, rows / (4 * Math.Max(1, parallel.MaxDegreeOfParallelism)) / BlockRows * BlockRows);
        Parallel.ForEach(
            Partitioner.Create(0, rows, rangeSize),
            parallel,
            () => new Accumulator(dimension),
            (range, _, accumulator) =>
            {
                for (var start = range.Item1; start < range.Item2; start += BlockRows)
                    accumulator.AddBlock(rowMajor, start, Math.Min(start + BlockRows, range.Item2));
                return accumulator;
            },
            accumulator =>
            {
                lock (gate)
                    TensorPrimitives.Add(total, accumulator.Sum, total);
            });
        return total;
    }

    private sealed class Accumulator(int dimension)
    {
        private readonly float[] _block = new float[dimension * dimension];

        public double[] Sum { get; } = new double[dimension * dimension];

        public void AddBlock(float[] rowMajor, int startRow, int endRow)
        {
            var f = dimension;
            Array.Clear(_block);
            for (var r = startRow; r < endRow; r++)
            {
                var row = rowMajor.AsSpan(r * f, f);
                // Rank-1 update of the upper triangle only; the lower one is mirrored once per block.
                for (var j = 0; j < f; j++)
                {
                    var weight = row[j];
                    if (weight != 0f)
                        TensorPrimitives.MultiplyAdd(row[j..], weight, _block.AsSpan(j * f + j, f - j), _block.AsSpan(j * f + j, f - j));
                }
            }
            for (var j = 0; j < f; j++)
            {
                for (var k = j; k < f; k++)
                {
                    double value = _block[j * f + k];
                    Sum[j * f + k] += value;
                    if (k != j)
                        Sum[k * f + j] += value;
                }
            }
        }
    }
}
