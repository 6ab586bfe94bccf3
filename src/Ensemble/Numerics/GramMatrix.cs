using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
            if (Vector512.IsHardwareAccelerated && f % 16 == 0)
            {
                AddBlockVector512(rowMajor, startRow, endRow);
            }
            else
            {
                for (var r = startRow; r < endRow; r++)
                {
                    var row = rowMajor.AsSpan(r * f, f);
                    // Rank-1 update of the upper triangle only; the lower one is mirrored below.
                    for (var j = 0; j < f; j++)
                    {
                        var weight = row[j];
                        if (weight != 0f)
                            TensorPrimitives.MultiplyAdd(row[j..], weight, _block.AsSpan(j * f + j, f - j), _block.AsSpan(j * f + j, f - j));
                    }
                }
            }
            AddUpperTriangleToSum();
        }

        /// <summary>
        /// The block's YᵀY, upper triangle, for f a multiple of 16: for each 16-column strip and pair of output rows
        /// (j, j + 1), two registers accumulate y[r, j]·y[r, strip] and y[r, j + 1]·y[r, strip] over the block's rows,
        /// which stay in L1/L2 while the strips and pairs go by.
        /// </summary>
        private void AddBlockVector512(float[] rowMajor, int startRow, int endRow)
        {
            var f = dimension;
            ref var block = ref _block[0];
            ref var first = ref rowMajor[startRow * f];
            var rows = endRow - startRow;
            for (var column = 0; column < f; column += 16)
            {
                // Rows j ≤ column + 15 reach into the upper triangle of this strip.
                for (var j = 0; j < column + 16; j += 2)
                {
                    var even = Vector512<float>.Zero;
                    var odd = Vector512<float>.Zero;
                    for (var r = 0; r < rows; r++)
                    {
                        ref var row = ref Unsafe.Add(ref first, r * f);
                        var strip = Vector512.LoadUnsafe(ref row, (nuint)column);
                        even = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, j)), strip, even);
                        odd = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, j + 1)), strip, odd);
                    }
                    even.StoreUnsafe(ref block, (nuint)(j * f + column));
                    odd.StoreUnsafe(ref block, (nuint)((j + 1) * f + column));
                }
            }
        }

        private void AddUpperTriangleToSum()
        {
            var f = dimension;
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
