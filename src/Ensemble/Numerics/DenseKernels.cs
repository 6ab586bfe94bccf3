using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// The one dense product the factorisations need: C += α · A · Bᵀ on row-major double matrices. With Bᵀ every
/// output element is a dot product of two contiguous rows, so row-major storage needs no packing. The work is done
/// in 4 × 4 tiles (16 vector accumulators, 8 loads for 16 fused multiply-adds) over k-chunks short enough that the
/// rows of a chunk stay in L1/L2 while they are reused.
/// </summary>
internal static class DenseKernels
{
    private const int Tile = 4;
    private const int ChunkLength = 256;

    /// <summary>
    /// C[i, j] += α · Σ_t A[i, t] B[j, t] for i &lt; m, j &lt; n, t &lt; k. Each span starts at element [0, 0] of its
    /// matrix; lda, ldb, ldc are row strides. C must not overlap the parts of A or B that are read.
    /// </summary>
    public static void MultiplyAddTransposed(
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, int m, int n, int k)
    {
        if (m <= 0 || n <= 0 || k <= 0)
            return;
        if (a.Length < (long)(m - 1) * lda + k || b.Length < (long)(n - 1) * ldb + k || c.Length < (long)(m - 1) * ldc + n)
            throw new ArgumentException("A span is too short for the given shape and strides.");
        ref var a0 = ref MemoryMarshal.GetReference(a);
        ref var b0 = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref MemoryMarshal.GetReference(c);
        var fullRows = m - m % Tile;
        var fullColumns = n - n % Tile;
        // j outer, i inner: one 4-row strip of B (a few KB) stays in L1 while it meets every strip of A, and A
        // (callers keep m small, about 64 rows) stays in L2 for the whole chunk.
        for (var t0 = 0; t0 < k; t0 += ChunkLength)
        {
            var length = Math.Min(ChunkLength, k - t0);
            for (var j = 0; j < n; j += Tile)
            {
                ref var bRow = ref Unsafe.Add(ref b0, (nint)j * ldb + t0);
                var columns = Math.Min(Tile, n - j);
                for (var i = 0; i < m; i += Tile)
                {
                    ref var aRow = ref Unsafe.Add(ref a0, (nint)i * lda + t0);
                    ref var cTile = ref Unsafe.Add(ref c0, (nint)i * ldc + j);
                    if (i < fullRows && j < fullColumns)
                    {
                        Tile4x4(alpha, ref aRow, lda, ref bRow, ldb, ref cTile, ldc, length);
                        continue;
                    }
                    var rows = Math.Min(Tile, m - i);
                    for (var r = 0; r < rows; r++)
                    {
                        for (var q = 0; q < columns; q++)
                            Unsafe.Add(ref cTile, (nint)r * ldc + q) += alpha * Dot(ref Unsafe.Add(ref aRow, (nint)r * lda), ref Unsafe.Add(ref bRow, (nint)q * ldb), length);
                    }
                }
            }
        }
    }

    /// <summary>Σ_t x[t] y[t] over <paramref name="length"/> doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ref double x, ref double y, int length) =>
        TensorPrimitives.Dot(MemoryMarshal.CreateReadOnlySpan(ref x, length), MemoryMarshal.CreateReadOnlySpan(ref y, length));

    private static void Tile4x4(double alpha, ref double a, int lda, ref double b, int ldb, ref double c, int ldc, int length)
    {
        if (Vector512.IsHardwareAccelerated)
            Tile4x4Vector512(alpha, ref a, lda, ref b, ldb, ref c, ldc, length);
        else if (Vector256.IsHardwareAccelerated)
            Tile4x4Vector256(alpha, ref a, lda, ref b, ldb, ref c, ldc, length);
        else
            Tile4x4Scalar(alpha, ref a, lda, ref b, ldb, ref c, ldc, length);
    }

    private static void Tile4x4Vector512(double alpha, ref double a, int lda, ref double b, int ldb, ref double c, int ldc, int length)
    {
        ref var a1 = ref Unsafe.Add(ref a, lda);
        ref var a2 = ref Unsafe.Add(ref a, 2 * lda);
        ref var a3 = ref Unsafe.Add(ref a, 3 * lda);
        ref var b1 = ref Unsafe.Add(ref b, ldb);
        ref var b2 = ref Unsafe.Add(ref b, 2 * ldb);
        ref var b3 = ref Unsafe.Add(ref b, 3 * ldb);
        Vector512<double> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<double> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<double> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<double> c30 = default, c31 = default, c32 = default, c33 = default;
        var vectorEnd = (nuint)(length - length % Vector512<double>.Count);
        for (nuint t = 0; t < vectorEnd; t += (nuint)Vector512<double>.Count)
        {
            var x0 = Vector512.LoadUnsafe(ref a, t);
            var x1 = Vector512.LoadUnsafe(ref a1, t);
            var x2 = Vector512.LoadUnsafe(ref a2, t);
            var x3 = Vector512.LoadUnsafe(ref a3, t);
            var y = Vector512.LoadUnsafe(ref b, t);
            c00 = Vector512.FusedMultiplyAdd(x0, y, c00);
            c10 = Vector512.FusedMultiplyAdd(x1, y, c10);
            c20 = Vector512.FusedMultiplyAdd(x2, y, c20);
            c30 = Vector512.FusedMultiplyAdd(x3, y, c30);
            y = Vector512.LoadUnsafe(ref b1, t);
            c01 = Vector512.FusedMultiplyAdd(x0, y, c01);
            c11 = Vector512.FusedMultiplyAdd(x1, y, c11);
            c21 = Vector512.FusedMultiplyAdd(x2, y, c21);
            c31 = Vector512.FusedMultiplyAdd(x3, y, c31);
            y = Vector512.LoadUnsafe(ref b2, t);
            c02 = Vector512.FusedMultiplyAdd(x0, y, c02);
            c12 = Vector512.FusedMultiplyAdd(x1, y, c12);
            c22 = Vector512.FusedMultiplyAdd(x2, y, c22);
            c32 = Vector512.FusedMultiplyAdd(x3, y, c32);
            y = Vector512.LoadUnsafe(ref b3, t);
            c03 = Vector512.FusedMultiplyAdd(x0, y, c03);
            c13 = Vector512.FusedMultiplyAdd(x1, y, c13);
            c23 = Vector512.FusedMultiplyAdd(x2, y, c23);
            c33 = Vector512.FusedMultiplyAdd(x3, y, c33);
        }
        Store(alpha, ref c, ldc, 0, Vector512.Sum(c00), Vector512.Sum(c01), Vector512.Sum(c02), Vector512.Sum(c03));
        Store(alpha, ref c, ldc, 1, Vector512.Sum(c10), Vector512.Sum(c11), Vector512.Sum(c12), Vector512.Sum(c13));
        Store(alpha, ref c, ldc, 2, Vector512.Sum(c20), Vector512.Sum(c21), Vector512.Sum(c22), Vector512.Sum(c23));
        Store(alpha, ref c, ldc, 3, Vector512.Sum(c30), Vector512.Sum(c31), Vector512.Sum(c32), Vector512.Sum(c33));
        if ((int)vectorEnd < length)
            TileTail(alpha, ref a, lda, ref b, ldb, ref c, ldc, (int)vectorEnd, length);
    }

    private static void Tile4x4Vector256(double alpha, ref double a, int lda, ref double b, int ldb, ref double c, int ldc, int length)
    {
        ref var a1 = ref Unsafe.Add(ref a, lda);
        ref var a2 = ref Unsafe.Add(ref a, 2 * lda);
        ref var a3 = ref Unsafe.Add(ref a, 3 * lda);
        ref var b1 = ref Unsafe.Add(ref b, ldb);
        ref var b2 = ref Unsafe.Add(ref b, 2 * ldb);
        ref var b3 = ref Unsafe.Add(ref b, 3 * ldb);
        Vector256<double> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<double> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<double> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<double> c30 = default, c31 = default, c32 = default, c33 = default;
        var vectorEnd = (nuint)(length - length % Vector256<double>.Count);
        for (nuint t = 0; t < vectorEnd; t += (nuint)Vector256<double>.Count)
        {
            var x0 = Vector256.LoadUnsafe(ref a, t);
            var x1 = Vector256.LoadUnsafe(ref a1, t);
            var x2 = Vector256.LoadUnsafe(ref a2, t);
            var x3 = Vector256.LoadUnsafe(ref a3, t);
            var y = Vector256.LoadUnsafe(ref b, t);
            c00 = Vector256.FusedMultiplyAdd(x0, y, c00);
            c10 = Vector256.FusedMultiplyAdd(x1, y, c10);
            c20 = Vector256.FusedMultiplyAdd(x2, y, c20);
            c30 = Vector256.FusedMultiplyAdd(x3, y, c30);
            y = Vector256.LoadUnsafe(ref b1, t);
            c01 = Vector256.FusedMultiplyAdd(x0, y, c01);
            c11 = Vector256.FusedMultiplyAdd(x1, y, c11);
            c21 = Vector256.FusedMultiplyAdd(x2, y, c21);
            c31 = Vector256.FusedMultiplyAdd(x3, y, c31);
            y = Vector256.LoadUnsafe(ref b2, t);
            c02 = Vector256.FusedMultiplyAdd(x0, y, c02);
            c12 = Vector256.FusedMultiplyAdd(x1, y, c12);
            c22 = Vector256.FusedMultiplyAdd(x2, y, c22);
            c32 = Vector256.FusedMultiplyAdd(x3, y, c32);
            y = Vector256.LoadUnsafe(ref b3, t);
            c03 = Vector256.FusedMultiplyAdd(x0, y, c03);
            c13 = Vector256.FusedMultiplyAdd(x1, y, c13);
            c23 = Vector256.FusedMultiplyAdd(x2, y, c23);
            c33 = Vector256.FusedMultiplyAdd(x3, y, c33);
        }
        Store(alpha, ref c, ldc, 0, Vector256.Sum(c00), Vector256.Sum(c01), Vector256.Sum(c02), Vector256.Sum(c03));
        Store(alpha, ref c, ldc, 1, Vector256.Sum(c10), Vector256.Sum(c11), Vector256.Sum(c12), Vector256.Sum(c13));
        Store(alpha, ref c, ldc, 2, Vector256.Sum(c20), Vector256.Sum(c21), Vector256.Sum(c22), Vector256.Sum(c23));
        Store(alpha, ref c, ldc, 3, Vector256.Sum(c30), Vector256.Sum(c31), Vector256.Sum(c32), Vector256.Sum(c33));
        if ((int)vectorEnd < length)
            TileTail(alpha, ref a, lda, ref b, ldb, ref c, ldc, (int)vectorEnd, length);
    }

    /// <summary>Reference path for hardware without 256-bit vectors, and for the tests of the vector paths.</summary>
    internal static void Tile4x4Scalar(double alpha, ref double a, int lda, ref double b, int ldb, ref double c, int ldc, int length) =>
        TileTail(alpha, ref a, lda, ref b, ldb, ref c, ldc, 0, length);

    /// <summary>Adds the contribution of t in [from, to) for the whole 4 × 4 tile.</summary>
    private static void TileTail(double alpha, ref double a, int lda, ref double b, int ldb, ref double c, int ldc, int from, int to)
    {
        for (var r = 0; r < Tile; r++)
        {
            for (var j = 0; j < Tile; j++)
            {
                var sum = 0.0;
                for (var t = from; t < to; t++)
                    sum += Unsafe.Add(ref a, (nint)r * lda + t) * Unsafe.Add(ref b, (nint)j * ldb + t);
                Unsafe.Add(ref c, (nint)r * ldc + j) += alpha * sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(double alpha, ref double c, int ldc, int row, double s0, double s1, double s2, double s3)
    {
        ref var target = ref Unsafe.Add(ref c, (nint)row * ldc);
        target += alpha * s0;
        Unsafe.Add(ref target, 1) += alpha * s1;
        Unsafe.Add(ref target, 2) += alpha * s2;
        Unsafe.Add(ref target, 3) += alpha * s3;
    }
}
