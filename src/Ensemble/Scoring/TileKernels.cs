using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Inner products of query vectors with one tile of <see cref="TileWidth"/> items stored dimension-major
/// (<c>tile[d * 16 + lane]</c>). A tile row is one 16-float vector, so a query element is broadcast and multiplied into
/// all 16 items at once: no horizontal sums, and the tile is read once for a whole block of queries (register
/// blocking: 8 queries × 1 tile at 512 bits, 4 queries × 2 half-rows at 256 bits). A query on its own is scored
/// against 4 tiles at once, so that 4 independent FMA chains keep the pipeline full.
/// </summary>
/// <remarks>
/// Every path accumulates each score as one chain of fused multiply-adds over d = 0, 1, …, D−1, so the scalar, 256-bit
/// and 512-bit kernels, and a query alone or inside a batch, produce bit-identical scores: batching never changes a
/// ranking, and tests can compare the paths exactly.
/// </remarks>
internal static class TileKernels
{
    public const int TileWidth = 16;

    /// <summary>Tiles scored at once by a single query, so that their FMA chains overlap instead of waiting on each other.</summary>
    public const int TilesPerStep = 4;

    /// <summary>
    /// <c>scores[(q * tileCount + t) * 16 + lane] = Σ_d queries[q * dim + d] · tiles[(t * dim + d) * 16 + lane]</c>
    /// for q &lt; queryCount and t &lt; tileCount ≤ <see cref="TilesPerStep"/> consecutive tiles.
    /// </summary>
    // Fully optimised from the first call: these run a few hundred times per request, and tier-0 code (or waiting for
    // tiering's call counting) would make the first seconds of a process several times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Score(SimdWidth width, ReadOnlySpan<float> tiles, int tileCount, ReadOnlySpan<float> queries, int queryCount, int dim, Span<float> scores)
    {
        ref var t0 = ref MemoryMarshal.GetReference(tiles);
        ref var q = ref MemoryMarshal.GetReference(queries);
        ref var s = ref MemoryMarshal.GetReference(scores);
        var tileLength = TileWidth * dim;
        var queryStride = tileCount * TileWidth;
        var block = 0;
        switch (width)
        {
            case SimdWidth.Vector512:
                // Register blocking over queries: one tile row feeds 8 accumulators.
                for (; block + 8 <= queryCount; block += 8)
                {
                    for (var t = 0; t < tileCount; t++)
                        Block8x512(ref Unsafe.Add(ref t0, t * tileLength), ref Unsafe.Add(ref q, block * dim), dim, ref Unsafe.Add(ref s, block * queryStride + t * TileWidth), queryStride);
                }
                // A lone query: 4 tiles at once, 4 independent chains.
                for (; block < queryCount; block++)
                {
                    ref var qb = ref Unsafe.Add(ref q, block * dim);
                    ref var sb = ref Unsafe.Add(ref s, block * queryStride);
                    if (tileCount == TilesPerStep)
                    {
                        Block1x512Tiles4(ref t0, tileLength, ref qb, dim, ref sb);
                        continue;
                    }
                    for (var t = 0; t < tileCount; t++)
                        Block1x512(ref Unsafe.Add(ref t0, t * tileLength), ref qb, dim, ref Unsafe.Add(ref sb, t * TileWidth));
                }
                break;
            case SimdWidth.Vector256:
                for (; block + 4 <= queryCount; block += 4)
                {
                    for (var t = 0; t < tileCount; t++)
                        Block4x256(ref Unsafe.Add(ref t0, t * tileLength), ref Unsafe.Add(ref q, block * dim), dim, ref Unsafe.Add(ref s, block * queryStride + t * TileWidth), queryStride);
                }
                for (; block < queryCount; block++)
                {
                    for (var t = 0; t < tileCount; t++)
                        Block1x256(ref Unsafe.Add(ref t0, t * tileLength), ref Unsafe.Add(ref q, block * dim), dim, ref Unsafe.Add(ref s, block * queryStride + t * TileWidth));
                }
                break;
            default:
                for (; block < queryCount; block++)
                {
                    for (var t = 0; t < tileCount; t++)
                        Block1Scalar(tiles.Slice(t * tileLength, tileLength), queries.Slice(block * dim, dim), scores.Slice(block * queryStride + t * TileWidth, TileWidth));
                }
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block8x512(ref float tile, ref float q0, int dim, ref float scores, nint stride)
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
            var row = Vector512.LoadUnsafe(ref tile, (nuint)(d * TileWidth));
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q0, d)), row, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q1, d)), row, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q2, d)), row, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q3, d)), row, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q4, d)), row, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q5, d)), row, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q6, d)), row, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q7, d)), row, a7);
        }
        a0.StoreUnsafe(ref Unsafe.Add(ref scores, 0 * stride));
        a1.StoreUnsafe(ref Unsafe.Add(ref scores, 1 * stride));
        a2.StoreUnsafe(ref Unsafe.Add(ref scores, 2 * stride));
        a3.StoreUnsafe(ref Unsafe.Add(ref scores, 3 * stride));
        a4.StoreUnsafe(ref Unsafe.Add(ref scores, 4 * stride));
        a5.StoreUnsafe(ref Unsafe.Add(ref scores, 5 * stride));
        a6.StoreUnsafe(ref Unsafe.Add(ref scores, 6 * stride));
        a7.StoreUnsafe(ref Unsafe.Add(ref scores, 7 * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x512(ref float tile, ref float q, int dim, ref float scores)
    {
        var acc = Vector512<float>.Zero;
        for (nint d = 0; d < dim; d++)
            acc = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q, d)), Vector512.LoadUnsafe(ref tile, (nuint)(d * TileWidth)), acc);
        acc.StoreUnsafe(ref scores);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x512Tiles4(ref float tile0, int tileLength, ref float q, int dim, ref float scores)
    {
        ref var tile1 = ref Unsafe.Add(ref tile0, tileLength);
        ref var tile2 = ref Unsafe.Add(ref tile1, tileLength);
        ref var tile3 = ref Unsafe.Add(ref tile2, tileLength);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (nint d = 0; d < dim; d++)
        {
            var b = Vector512.Create(Unsafe.Add(ref q, d));
            var offset = (nuint)(d * TileWidth);
            a0 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref tile0, offset), a0);
            a1 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref tile1, offset), a1);
            a2 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref tile2, offset), a2);
            a3 = Vector512.FusedMultiplyAdd(b, Vector512.LoadUnsafe(ref tile3, offset), a3);
        }
        a0.StoreUnsafe(ref scores, 0 * TileWidth);
        a1.StoreUnsafe(ref scores, 1 * TileWidth);
        a2.StoreUnsafe(ref scores, 2 * TileWidth);
        a3.StoreUnsafe(ref scores, 3 * TileWidth);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x256(ref float tile, ref float q0, int dim, ref float scores, nint stride)
    {
        ref var q1 = ref Unsafe.Add(ref q0, dim);
        ref var q2 = ref Unsafe.Add(ref q1, dim);
        ref var q3 = ref Unsafe.Add(ref q2, dim);
        Vector256<float> lo0 = default, hi0 = default, lo1 = default, hi1 = default, lo2 = default, hi2 = default, lo3 = default, hi3 = default;
        for (nint d = 0; d < dim; d++)
        {
            var rowLo = Vector256.LoadUnsafe(ref tile, (nuint)(d * TileWidth));
            var rowHi = Vector256.LoadUnsafe(ref tile, (nuint)(d * TileWidth + 8));
            var b0 = Vector256.Create(Unsafe.Add(ref q0, d));
            var b1 = Vector256.Create(Unsafe.Add(ref q1, d));
            var b2 = Vector256.Create(Unsafe.Add(ref q2, d));
            var b3 = Vector256.Create(Unsafe.Add(ref q3, d));
            lo0 = Vector256.FusedMultiplyAdd(b0, rowLo, lo0);
            hi0 = Vector256.FusedMultiplyAdd(b0, rowHi, hi0);
            lo1 = Vector256.FusedMultiplyAdd(b1, rowLo, lo1);
            hi1 = Vector256.FusedMultiplyAdd(b1, rowHi, hi1);
            lo2 = Vector256.FusedMultiplyAdd(b2, rowLo, lo2);
            hi2 = Vector256.FusedMultiplyAdd(b2, rowHi, hi2);
            lo3 = Vector256.FusedMultiplyAdd(b3, rowLo, lo3);
            hi3 = Vector256.FusedMultiplyAdd(b3, rowHi, hi3);
        }
        lo0.StoreUnsafe(ref scores, 0);
        hi0.StoreUnsafe(ref scores, 8);
        lo1.StoreUnsafe(ref Unsafe.Add(ref scores, stride), 0);
        hi1.StoreUnsafe(ref Unsafe.Add(ref scores, stride), 8);
        lo2.StoreUnsafe(ref Unsafe.Add(ref scores, 2 * stride), 0);
        hi2.StoreUnsafe(ref Unsafe.Add(ref scores, 2 * stride), 8);
        lo3.StoreUnsafe(ref Unsafe.Add(ref scores, 3 * stride), 0);
        hi3.StoreUnsafe(ref Unsafe.Add(ref scores, 3 * stride), 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x256(ref float tile, ref float q, int dim, ref float scores)
    {
        Vector256<float> lo = default, hi = default;
        for (nint d = 0; d < dim; d++)
        {
            var b = Vector256.Create(Unsafe.Add(ref q, d));
            lo = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref tile, (nuint)(d * TileWidth)), lo);
            hi = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref tile, (nuint)(d * TileWidth + 8)), hi);
        }
        lo.StoreUnsafe(ref scores, 0);
        hi.StoreUnsafe(ref scores, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1Scalar(ReadOnlySpan<float> tile, ReadOnlySpan<float> query, Span<float> scores)
    {
        scores.Clear();
        for (var d = 0; d < query.Length; d++)
        {
            var row = tile.Slice(d * TileWidth, TileWidth);
            for (var lane = 0; lane < TileWidth; lane++)
                scores[lane] = MathF.FusedMultiplyAdd(query[d], row[lane], scores[lane]);
        }
    }

    /// <summary>A bit per lane of <paramref name="scores"/> (16 floats) that is at least <paramref name="threshold"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LanesAtLeast(SimdWidth width, ReadOnlySpan<float> scores, float threshold)
    {
        ref var s = ref MemoryMarshal.GetReference(scores);
        switch (width)
        {
            case SimdWidth.Vector512:
                return (uint)Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref s), Vector512.Create(threshold)).ExtractMostSignificantBits();
            case SimdWidth.Vector256:
                var t = Vector256.Create(threshold);
                var lo = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref s), t).ExtractMostSignificantBits();
                var hi = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref s, 8), t).ExtractMostSignificantBits();
                return lo | (hi << 8);
            default:
                var mask = 0u;
                for (var lane = 0; lane < TileWidth; lane++)
                {
                    if (scores[lane] >= threshold)
                        mask |= 1u << lane;
                }
                return mask;
        }
    }
}
