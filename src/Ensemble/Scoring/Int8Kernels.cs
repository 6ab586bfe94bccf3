using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// <see cref="TileKernels"/> for int8 tiles: each row of 16 codes is widened to 16 floats in registers (once per row
/// for a whole block of queries; a lone query takes 4 tiles at once) and multiply-added like an fp32 row; each lane's
/// sum is multiplied by its item's scale at the end. Every path sums each lane as one FMA chain over d, so all widths and block sizes agree bit for bit.
/// </summary>
internal static class Int8Kernels
{
    private const int W = TileKernels.TileWidth;

    /// <summary>
    /// <c>scores[(q * tileCount + t) * 16 + lane] = scales[t * 16 + lane] · Σ_d queries[q * dim + d] · codes[(t * dim + d) * 16 + lane]</c>
    /// for tileCount ≤ <see cref="TileKernels.TilesPerStep"/> consecutive tiles.
    /// </summary>
    // Fully optimised from the first call: these run a few hundred times per request, and tier-0 code (or waiting for
    // tiering's call counting) would make the first seconds of a process several times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Score(SimdWidth width, ReadOnlySpan<sbyte> codes, ReadOnlySpan<float> scales, int tileCount, ReadOnlySpan<float> queries, int queryCount, int dim, Span<float> scores)
    {
        ref var c = ref MemoryMarshal.GetReference(codes);
        ref var s = ref MemoryMarshal.GetReference(scales);
        ref var q = ref MemoryMarshal.GetReference(queries);
        ref var o = ref MemoryMarshal.GetReference(scores);
        var tileLength = W * dim;
        var queryStride = tileCount * W;
        var block = 0;
        switch (width)
        {
            case SimdWidth.Vector512:
                for (; block + 8 <= queryCount; block += 8)
                {
                    for (var t = 0; t < tileCount; t++)
                        Block8x512(ref Unsafe.Add(ref c, t * tileLength), Vector512.LoadUnsafe(ref s, (nuint)(t * W)), ref Unsafe.Add(ref q, block * dim), dim, ref Unsafe.Add(ref o, block * queryStride + t * W), queryStride);
                }
                for (; block < queryCount; block++)
                {
                    ref var qb = ref Unsafe.Add(ref q, block * dim);
                    ref var ob = ref Unsafe.Add(ref o, block * queryStride);
                    if (tileCount == TileKernels.TilesPerStep)
                    {
                        Block1x512Tiles4(ref c, tileLength, ref s, ref qb, dim, ref ob);
                        continue;
                    }
                    for (var t = 0; t < tileCount; t++)
                        Block1x512(ref Unsafe.Add(ref c, t * tileLength), Vector512.LoadUnsafe(ref s, (nuint)(t * W)), ref qb, dim, ref Unsafe.Add(ref ob, t * W));
                }
                break;
            case SimdWidth.Vector256:
                for (; block < queryCount; block++)
                {
                    for (var t = 0; t < tileCount; t++)
                        Block1x256(ref Unsafe.Add(ref c, t * tileLength), ref Unsafe.Add(ref s, t * W), ref Unsafe.Add(ref q, block * dim), dim, ref Unsafe.Add(ref o, block * queryStride + t * W));
                }
                break;
            default:
                for (; block < queryCount; block++)
                {
                    for (var t = 0; t < tileCount; t++)
                        Block1Scalar(codes.Slice(t * tileLength, tileLength), scales.Slice(t * W, W), queries.Slice(block * dim, dim), scores.Slice(block * queryStride + t * W, W));
                }
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Row512(ref sbyte codes, nint d)
    {
        var bytes = Vector128.LoadUnsafe(ref codes, (nuint)(d * W));
        if (Avx512F.IsSupported)
            return Vector512.ConvertToSingle(Avx512F.ConvertToVector512Int32(bytes));
        var shorts = Vector256.Create(Vector128.WidenLower(bytes), Vector128.WidenUpper(bytes));
        return Vector512.ConvertToSingle(Vector512.Create(Vector256.WidenLower(shorts), Vector256.WidenUpper(shorts)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Lo, Vector256<float> Hi) Row256(ref sbyte codes, nint d)
    {
        var bytes = Vector128.LoadUnsafe(ref codes, (nuint)(d * W));
        var lo = Vector128.WidenLower(bytes);
        var hi = Vector128.WidenUpper(bytes);
        return (Vector256.ConvertToSingle(Vector256.Create(Vector128.WidenLower(lo), Vector128.WidenUpper(lo))),
                Vector256.ConvertToSingle(Vector256.Create(Vector128.WidenLower(hi), Vector128.WidenUpper(hi))));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block8x512(ref sbyte codes, Vector512<float> scale, ref float q0, int dim, ref float scores, nint stride)
    {
        ref var q1 = ref Unsafe.Add(ref q0, dim);
        ref var q2 = ref Unsafe.Add(ref q1, dim);
        ref var q3 = ref Unsafe.Add(ref q2, dim);
        ref var q4 = ref Unsafe.Add(ref q3, dim);
        ref var q5 = ref Unsafe.Add(ref q4, dim);
        ref var q6 = ref Unsafe.Add(ref q5, dim);
        ref var q7 = ref Unsafe.Add(ref q6, dim);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (nint d = 0; d < dim; d++)
        {
            var row = Row512(ref codes, d);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q0, d)), row, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q1, d)), row, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q2, d)), row, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q3, d)), row, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q4, d)), row, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q5, d)), row, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q6, d)), row, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q7, d)), row, a7);
        }
        (a0 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 0 * stride));
        (a1 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 1 * stride));
        (a2 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 2 * stride));
        (a3 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 3 * stride));
        (a4 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 4 * stride));
        (a5 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 5 * stride));
        (a6 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 6 * stride));
        (a7 * scale).StoreUnsafe(ref Unsafe.Add(ref scores, 7 * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x512(ref sbyte codes, Vector512<float> scale, ref float q, int dim, ref float scores)
    {
        var acc = Vector512<float>.Zero;
        for (nint d = 0; d < dim; d++)
            acc = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q, d)), Row512(ref codes, d), acc);
        (acc * scale).StoreUnsafe(ref scores);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x512Tiles4(ref sbyte codes0, int tileLength, ref float scales, ref float q, int dim, ref float scores)
    {
        ref var codes1 = ref Unsafe.Add(ref codes0, tileLength);
        ref var codes2 = ref Unsafe.Add(ref codes1, tileLength);
        ref var codes3 = ref Unsafe.Add(ref codes2, tileLength);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (nint d = 0; d < dim; d++)
        {
            var b = Vector512.Create(Unsafe.Add(ref q, d));
            a0 = Vector512.FusedMultiplyAdd(b, Row512(ref codes0, d), a0);
            a1 = Vector512.FusedMultiplyAdd(b, Row512(ref codes1, d), a1);
            a2 = Vector512.FusedMultiplyAdd(b, Row512(ref codes2, d), a2);
            a3 = Vector512.FusedMultiplyAdd(b, Row512(ref codes3, d), a3);
        }
        (a0 * Vector512.LoadUnsafe(ref scales, 0 * W)).StoreUnsafe(ref scores, 0 * W);
        (a1 * Vector512.LoadUnsafe(ref scales, 1 * W)).StoreUnsafe(ref scores, 1 * W);
        (a2 * Vector512.LoadUnsafe(ref scales, 2 * W)).StoreUnsafe(ref scores, 2 * W);
        (a3 * Vector512.LoadUnsafe(ref scales, 3 * W)).StoreUnsafe(ref scores, 3 * W);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x256(ref sbyte codes, ref float scales, ref float q, int dim, ref float scores)
    {
        Vector256<float> lo = default, hi = default;
        for (nint d = 0; d < dim; d++)
        {
            var b = Vector256.Create(Unsafe.Add(ref q, d));
            var (rowLo, rowHi) = Row256(ref codes, d);
            lo = Vector256.FusedMultiplyAdd(b, rowLo, lo);
            hi = Vector256.FusedMultiplyAdd(b, rowHi, hi);
        }
        (lo * Vector256.LoadUnsafe(ref scales)).StoreUnsafe(ref scores, 0);
        (hi * Vector256.LoadUnsafe(ref scales, 8)).StoreUnsafe(ref scores, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1Scalar(ReadOnlySpan<sbyte> codes, ReadOnlySpan<float> scales, ReadOnlySpan<float> query, Span<float> scores)
    {
        scores.Clear();
        for (var d = 0; d < query.Length; d++)
        {
            var row = codes.Slice(d * W, W);
            for (var lane = 0; lane < W; lane++)
                scores[lane] = MathF.FusedMultiplyAdd(query[d], row[lane], scores[lane]);
        }
        for (var lane = 0; lane < W; lane++)
            scores[lane] *= scales[lane];
    }
}
