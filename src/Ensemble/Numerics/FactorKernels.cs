using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Short-vector kernels for latent factors (f is typically 32–256). When f is a multiple of 8 they run on
/// <see cref="Vector256"/> straight from <c>ref</c>s, without spans or bounds checks, because the ALS row loop calls
/// them hundreds of millions of times and a call into <see cref="TensorPrimitives"/> costs more than the 8–16
/// instructions of the work itself at f = 64. Other dimensions go through <see cref="TensorPrimitives"/>.
/// Callers guarantee that every <c>ref</c> has f readable (and, for outputs, writable) floats behind it.
/// </summary>
internal static class FactorKernels
{
    /// <summary>Whether the hand-vectorised path serves dimension f.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsVectorized(int f) => Vector256.IsHardwareAccelerated && (f & 7) == 0;

    /// <summary>a · b over f floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ref float a, ref float b, int f)
    {
        if (!IsVectorized(f))
            return TensorPrimitives.Dot(MemoryMarshal.CreateReadOnlySpan(ref a, f), MemoryMarshal.CreateReadOnlySpan(ref b, f));
        // Two accumulators halve the dependency chain of the fused multiply-adds.
        var even = Vector256<float>.Zero;
        var odd = Vector256<float>.Zero;
        nuint k = 0;
        var end = (nuint)f;
        for (; k + 16 <= end; k += 16)
        {
            even = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k), Vector256.LoadUnsafe(ref b, k), even);
            odd = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k + 8), Vector256.LoadUnsafe(ref b, k + 8), odd);
        }
        if (k < end)
            even = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, k), Vector256.LoadUnsafe(ref b, k), even);
        return Vector256.Sum(even + odd);
    }

    /// <summary>accumulator += scale · x over f floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd(ref float x, float scale, ref float accumulator, int f)
    {
        if (!IsVectorized(f))
        {
            var target = MemoryMarshal.CreateSpan(ref accumulator, f);
            TensorPrimitives.MultiplyAdd(MemoryMarshal.CreateReadOnlySpan(ref x, f), scale, target, target);
            return;
        }
        var s = Vector256.Create(scale);
        for (nuint k = 0; k < (nuint)f; k += 8)
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, k), s, Vector256.LoadUnsafe(ref accumulator, k)).StoreUnsafe(ref accumulator, k);
    }

    /// <summary>
    /// output = M · v for a symmetric row-major f × f matrix M, computed as Σ_k v[k] · M[k, :] (row axpys), which
    /// reads M row by row and needs no horizontal sums.
    /// </summary>
    public static void SymmetricMultiply(ReadOnlySpan<float> matrix, ReadOnlySpan<float> vector, Span<float> output)
    {
        var f = vector.Length;
        if (matrix.Length != f * f || output.Length != f)
            throw new ArgumentException("Matrix, vector and output sizes disagree.");
        ref var m = ref MemoryMarshal.GetReference(matrix);
        ref var v = ref MemoryMarshal.GetReference(vector);
        ref var o = ref MemoryMarshal.GetReference(output);
        if (!IsVectorized(f))
        {
            output.Clear();
            for (var k = 0; k < f; k++)
                TensorPrimitives.MultiplyAdd(matrix.Slice(k * f, f), vector[k], output, output);
            return;
        }
        if (Vector512.IsHardwareAccelerated && (f & 15) == 0)
        {
            SymmetricMultiply512(ref m, ref v, ref o, f);
            return;
        }
        // Columns in strips of 32 kept in four registers while k runs over the rows of M.
        var column = 0;
        for (; column + 32 <= f; column += 32)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            ref var strip = ref Unsafe.Add(ref m, column);
            for (var k = 0; k < f; k++)
            {
                var vk = Vector256.Create(Unsafe.Add(ref v, k));
                ref var row = ref Unsafe.Add(ref strip, k * f);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row), vk, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), vk, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 16), vk, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 24), vk, a3);
            }
            a0.StoreUnsafe(ref o, (nuint)column);
            a1.StoreUnsafe(ref o, (nuint)column + 8);
            a2.StoreUnsafe(ref o, (nuint)column + 16);
            a3.StoreUnsafe(ref o, (nuint)column + 24);
        }
        for (; column < f; column += 8)
        {
            var a = Vector256<float>.Zero;
            for (var k = 0; k < f; k++)
                a = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref m, (nuint)(k * f + column)), Vector256.Create(Unsafe.Add(ref v, k)), a);
            a.StoreUnsafe(ref o, (nuint)column);
        }
    }

    /// <summary>
    /// 512-bit version for f a multiple of 16: strips of 64 columns in four registers, with even and odd k summed
    /// separately so two independent chains of fused multiply-adds hide their latency.
    /// </summary>
    private static void SymmetricMultiply512(ref float m, ref float v, ref float o, int f)
    {
        var column = 0;
        for (; column + 64 <= f; column += 64)
        {
            Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default;
            Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default;
            ref var strip = ref Unsafe.Add(ref m, column);
            var k = 0;
            for (; k + 1 < f; k += 2)
            {
                var even = Vector512.Create(Unsafe.Add(ref v, k));
                var odd = Vector512.Create(Unsafe.Add(ref v, k + 1));
                ref var rowEven = ref Unsafe.Add(ref strip, k * f);
                ref var rowOdd = ref Unsafe.Add(ref strip, (k + 1) * f);
                e0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowEven), even, e0);
                e1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowEven, 16), even, e1);
                e2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowEven, 32), even, e2);
                e3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowEven, 48), even, e3);
                d0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowOdd), odd, d0);
                d1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowOdd, 16), odd, d1);
                d2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowOdd, 32), odd, d2);
                d3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rowOdd, 48), odd, d3);
            }
            (e0 + d0).StoreUnsafe(ref o, (nuint)column);
            (e1 + d1).StoreUnsafe(ref o, (nuint)column + 16);
            (e2 + d2).StoreUnsafe(ref o, (nuint)column + 32);
            (e3 + d3).StoreUnsafe(ref o, (nuint)column + 48);
        }
        for (; column < f; column += 16)
        {
            var a = Vector512<float>.Zero;
            for (var k = 0; k < f; k++)
                a = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref m, (nuint)(k * f + column)), Vector512.Create(Unsafe.Add(ref v, k)), a);
            a.StoreUnsafe(ref o, (nuint)column);
        }
    }
}
