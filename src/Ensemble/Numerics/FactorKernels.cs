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
}
