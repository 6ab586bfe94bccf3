using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recommender.Benchmarks.Scoring;

/// <summary>
/// The memory-bandwidth floor: a plain sequential read of a buffer as large as the item matrix (summing it, so the
/// read cannot be optimised away), on one thread and on every thread over contiguous ranges. No scorer can stream its
/// matrix faster than the faster of the two.
/// </summary>
internal sealed class MemoryFloor(int floatCount)
{
    private readonly float[] _buffer = Fill(floatCount);

    public long Bytes => (long)_buffer.Length * sizeof(float);

    public float ReadSequential() => Sum(_buffer);

    public float ReadParallel(int threads)
    {
        var parts = threads <= 0 ? Environment.ProcessorCount : threads;
        var sums = new float[parts];
        var length = _buffer.Length;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            var start = (int)((long)length * part / parts);
            var end = (int)((long)length * (part + 1) / parts);
            sums[part] = Sum(_buffer.AsSpan(start, end - start));
        });
        return sums.Sum();
    }

    private static float[] Fill(int count)
    {
        var buffer = new float[count];
        buffer.AsSpan().Fill(1f); // touch every page now, not during the first measurement
        return buffer;
    }

    private static float Sum(ReadOnlySpan<float> values)
    {
        ref var start = ref MemoryMarshal.GetReference(values);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> a = default, b = default, c = default, d = default;
            for (; i + 64 <= values.Length; i += 64)
            {
                a += Vector512.LoadUnsafe(ref start, (nuint)i);
                b += Vector512.LoadUnsafe(ref start, (nuint)(i + 16));
                c += Vector512.LoadUnsafe(ref start, (nuint)(i + 32));
                d += Vector512.LoadUnsafe(ref start, (nuint)(i + 48));
            }
            return Vector512.Sum(a + b + c + d) + Tail(values[i..]);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> a = default, b = default, c = default, d = default;
            for (; i + 32 <= values.Length; i += 32)
            {
                a += Vector256.LoadUnsafe(ref start, (nuint)i);
                b += Vector256.LoadUnsafe(ref start, (nuint)(i + 8));
                c += Vector256.LoadUnsafe(ref start, (nuint)(i + 16));
                d += Vector256.LoadUnsafe(ref start, (nuint)(i + 24));
            }
            return Vector256.Sum(a + b + c + d) + Tail(values[i..]);
        }
        return Tail(values);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Tail(ReadOnlySpan<float> values)
    {
        var sum = 0f;
        foreach (var v in values)
            sum += v;
        return sum;
    }
}
