using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// target += Σ_r scale[r] · M[row[r], :] over rows of a dense row-major matrix: EASE's x·B for a user's history.
/// Memory-bound (every selected row is read once), so rows are taken four at a time: the accumulator is loaded and
/// stored once per four rows instead of once per row, leaving the row reads as the only traffic.
/// </summary>
internal static class RowSum
{
    /// <param name="matrix">Row-major, <paramref name="width"/> columns.</param>
    /// <param name="rows">Row indices; repeats add up.</param>
    /// <param name="scales">One factor per row index, or empty for all ones.</param>
    public static void Accumulate(ReadOnlySpan<float> matrix, int width, ReadOnlySpan<int> rows, ReadOnlySpan<float> scales, Span<float> target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target.Length, width, nameof(target));
        if (!scales.IsEmpty && scales.Length != rows.Length)
            throw new ArgumentException("One scale per row, or none.", nameof(scales));
        foreach (var row in rows)
        {
            if ((uint)row >= (uint)(matrix.Length / width))
                throw new ArgumentOutOfRangeException(nameof(rows), row, "Row index outside the matrix.");
        }
        ref var m = ref MemoryMarshal.GetReference(matrix);
        ref var t = ref MemoryMarshal.GetReference(target);
        var r = 0;
        for (; r + 4 <= rows.Length; r += 4)
        {
            AddFour(ref t, width,
                ref Unsafe.Add(ref m, (nint)rows[r] * width), Scale(scales, r),
                ref Unsafe.Add(ref m, (nint)rows[r + 1] * width), Scale(scales, r + 1),
                ref Unsafe.Add(ref m, (nint)rows[r + 2] * width), Scale(scales, r + 2),
                ref Unsafe.Add(ref m, (nint)rows[r + 3] * width), Scale(scales, r + 3));
        }
        for (; r < rows.Length; r++)
        {
            ref var row = ref Unsafe.Add(ref m, (nint)rows[r] * width);
            var a = Scale(scales, r);
            for (var j = 0; j < width; j++)
                Unsafe.Add(ref t, j) = MathF.FusedMultiplyAdd(Unsafe.Add(ref row, j), a, Unsafe.Add(ref t, j));
        }
    }

    private static float Scale(ReadOnlySpan<float> scales, int r) => scales.IsEmpty ? 1f : scales[r];

    private static void AddFour(ref float target, int width, ref float r0, float a0, ref float r1, float a1, ref float r2, float a2, ref float r3, float a3)
    {
        var j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (v0, v1, v2, v3) = (Vector512.Create(a0), Vector512.Create(a1), Vector512.Create(a2), Vector512.Create(a3));
            for (; j + Vector512<float>.Count <= width; j += Vector512<float>.Count)
            {
                var sum = Vector512.LoadUnsafe(ref target, (nuint)j);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, (nuint)j), v0, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, (nuint)j), v1, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, (nuint)j), v2, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, (nuint)j), v3, sum);
                sum.StoreUnsafe(ref target, (nuint)j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var (v0, v1, v2, v3) = (Vector256.Create(a0), Vector256.Create(a1), Vector256.Create(a2), Vector256.Create(a3));
            for (; j + Vector256<float>.Count <= width; j += Vector256<float>.Count)
            {
                var sum = Vector256.LoadUnsafe(ref target, (nuint)j);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)j), v0, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)j), v1, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r2, (nuint)j), v2, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r3, (nuint)j), v3, sum);
                sum.StoreUnsafe(ref target, (nuint)j);
            }
        }
        for (; j < width; j++)
        {
            // Same association order as the vector lanes, so results do not depend on the vector width.
            var sum = Unsafe.Add(ref target, j);
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref r0, j), a0, sum);
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref r1, j), a1, sum);
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref r2, j), a2, sum);
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref r3, j), a3, sum);
            Unsafe.Add(ref target, j) = sum;
        }
    }
}
