using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// An int8 item matrix in the tiled layout of <see cref="FloatTiles"/>, with one scale per item (symmetric: item ≈
/// scale · int8 row, scale = max |component| / 127). Per-item rather than per-dimension scales because embedding norms
/// vary a lot between items (popular items have long ALS vectors) while a row's components share one range.
/// The scan reads a quarter of the fp32 bytes; each tile is decoded to fp32 in L1 and scored by the fp32 kernels.
/// </summary>
internal readonly struct Int8Tiles : ITileSource
{
    private readonly sbyte[] _tiles;
    private readonly float[] _scales;

    private Int8Tiles(sbyte[] tiles, float[] scales, int itemCount, int dimension)
    {
        _tiles = tiles;
        _scales = scales;
        ItemCount = itemCount;
        Dimension = dimension;
        TileCount = FloatTiles.TileCountFor(itemCount);
    }

    public int ItemCount { get; }

    public int Dimension { get; }

    public int TileCount { get; }

    public int BytesPerTile => TileKernels.TileWidth * (Dimension + sizeof(float));

    public static Int8Tiles Quantize(ReadOnlySpan<float> rowMajor, int itemCount, int dimension)
    {
        EmbeddingMatrixShape.Validate(rowMajor, itemCount, dimension);
        const int w = TileKernels.TileWidth;
        var tiles = new sbyte[EmbeddingMatrixShape.TiledLength(itemCount, dimension)];
        var scales = new float[FloatTiles.TileCountFor(itemCount) * w];
        for (var item = 0; item < itemCount; item++)
        {
            var row = rowMajor.Slice(item * dimension, dimension);
            var maxAbs = 0f;
            foreach (var x in row)
                maxAbs = MathF.Max(maxAbs, MathF.Abs(x));
            var scale = maxAbs / 127f;
            scales[item] = scale;
            if (scale == 0f)
                continue;
            var tileBase = item / w * w * dimension;
            var lane = item % w;
            for (var d = 0; d < dimension; d++)
                tiles[tileBase + d * w + lane] = (sbyte)Math.Clamp(MathF.Round(row[d] / scale), -127f, 127f);
        }
        return new Int8Tiles(tiles, scales, itemCount, dimension);
    }

    /// <summary>Decodes tile <paramref name="tile"/> into <paramref name="scratch"/>: lane value = int8 · item scale.</summary>
    public ReadOnlySpan<float> Tile(int tile, SimdWidth width, Span<float> scratch)
    {
        const int w = TileKernels.TileWidth;
        var dim = Dimension;
        var codes = _tiles.AsSpan(tile * w * dim, w * dim);
        var scales = _scales.AsSpan(tile * w, w);
        var decoded = scratch[..(w * dim)];
        if (width == SimdWidth.Vector512 && Avx512F.IsSupported)
            Decode512(codes, scales, decoded);
        else if (width != SimdWidth.Scalar && Avx2.IsSupported)
            Decode256(codes, scales, decoded);
        else
            DecodeScalar(codes, scales, decoded);
        return decoded;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Decode512(ReadOnlySpan<sbyte> codes, ReadOnlySpan<float> scales, Span<float> decoded)
    {
        ref var c = ref MemoryMarshal.GetReference(codes);
        ref var f = ref MemoryMarshal.GetReference(decoded);
        var scale = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(scales));
        for (nint row = 0; row < codes.Length; row += TileKernels.TileWidth)
        {
            var ints = Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref c, (nuint)row));
            (Vector512.ConvertToSingle(ints) * scale).StoreUnsafe(ref f, (nuint)row);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Decode256(ReadOnlySpan<sbyte> codes, ReadOnlySpan<float> scales, Span<float> decoded)
    {
        ref var c = ref MemoryMarshal.GetReference(codes);
        ref var f = ref MemoryMarshal.GetReference(decoded);
        ref var s = ref MemoryMarshal.GetReference(scales);
        var scaleLo = Vector256.LoadUnsafe(ref s);
        var scaleHi = Vector256.LoadUnsafe(ref s, 8);
        for (nint row = 0; row < codes.Length; row += TileKernels.TileWidth)
        {
            var bytes = Vector128.LoadUnsafe(ref c, (nuint)row);
            var lo = Avx2.ConvertToVector256Int32(bytes);
            var hi = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(bytes, 8));
            (Vector256.ConvertToSingle(lo) * scaleLo).StoreUnsafe(ref f, (nuint)row);
            (Vector256.ConvertToSingle(hi) * scaleHi).StoreUnsafe(ref f, (nuint)(row + 8));
        }
    }

    private static void DecodeScalar(ReadOnlySpan<sbyte> codes, ReadOnlySpan<float> scales, Span<float> decoded)
    {
        for (var i = 0; i < codes.Length; i++)
            decoded[i] = codes[i] * scales[i % TileKernels.TileWidth];
    }
}
