namespace Recommender.Ensemble.Scoring;

/// <summary>
/// An int8 item matrix in the tiled layout of <see cref="FloatTiles"/>, with one scale per item (symmetric:
/// item ≈ scale · codes, scale = max |component| / 127). Per-item rather than per-dimension scales because embedding
/// norms vary a lot between items (popular items have long ALS vectors) while a row's components share one range.
/// The scan reads about a quarter of the fp32 bytes.
/// </summary>
/// <remarks>
/// Rounding to the nearest code leaves every component within scale / 2 of its code, so an approximate score is
/// within <see cref="ErrorBound"/> of the exact fp32 one: the quantized scorer uses that to know which items can still
/// be in the exact top K.
/// </remarks>
internal readonly struct Int8Tiles : ITileSource
{
    private readonly sbyte[] _codes;
    private readonly float[] _scales;

    private Int8Tiles(sbyte[] codes, float[] scales, int itemCount, int dimension, float maxScale)
    {
        _codes = codes;
        _scales = scales;
        ItemCount = itemCount;
        Dimension = dimension;
        TileCount = FloatTiles.TileCountFor(itemCount);
        MaxScale = maxScale;
    }

    public int ItemCount { get; }

    public int Dimension { get; }

    public int TileCount { get; }

    public int BytesPerTile => TileKernels.TileWidth * (Dimension + sizeof(float));

    /// <summary>The largest item scale.</summary>
    public float MaxScale { get; }

    public static Int8Tiles Quantize(ReadOnlySpan<float> rowMajor, int itemCount, int dimension)
    {
        EmbeddingMatrixShape.Validate(rowMajor, itemCount, dimension);
        const int w = TileKernels.TileWidth;
        var codes = new sbyte[EmbeddingMatrixShape.TiledLength(itemCount, dimension)];
        var scales = new float[FloatTiles.TileCountFor(itemCount) * w];
        var maxScale = 0f;
        for (var item = 0; item < itemCount; item++)
        {
            var row = rowMajor.Slice(item * dimension, dimension);
            var maxAbs = 0f;
            foreach (var x in row)
                maxAbs = MathF.Max(maxAbs, MathF.Abs(x));
            var scale = maxAbs / 127f;
            scales[item] = scale;
            maxScale = MathF.Max(maxScale, scale);
            if (scale == 0f)
                continue;
            var tileBase = item / w * w * dimension;
            var lane = item % w;
            for (var d = 0; d < dimension; d++)
                codes[tileBase + d * w + lane] = (sbyte)Math.Clamp(MathF.Round(row[d] / scale), -127f, 127f);
        }
        return new Int8Tiles(codes, scales, itemCount, dimension, maxScale);
    }

    public void Score(int firstTile, int tileCount, SimdWidth width, ReadOnlySpan<float> queries, int queryCount, Span<float> scores)
    {
        const int w = TileKernels.TileWidth;
        var tileLength = w * Dimension;
        Int8Kernels.Score(width, _codes.AsSpan(firstTile * tileLength, tileCount * tileLength), _scales.AsSpan(firstTile * w, tileCount * w),
            tileCount, queries, queryCount, Dimension, scores);
    }

    /// <summary>
    /// How far an approximate score (of any item, for this query) can be from the exact fp32 score:
    /// quantization, |Σ q_d (x_d − s·c_d)| ≤ s/2 · ‖q‖₁, plus the rounding of both fp32 sums (each within
    /// D·2⁻²⁴ of Σ|q_d x_d| ≤ 127·s·‖q‖₁) and of the division and final multiply, with s the largest item scale;
    /// computed in double and padded by 0.1 % so that it is never an underestimate.
    /// </summary>
    public float ErrorBound(ReadOnlySpan<float> query)
    {
        var l1 = 0.0;
        foreach (var q in query)
            l1 += Math.Abs(q);
        var rounding = 127.0 * (2 * Dimension + 2) * Math.Pow(2, -24);
        return (float)(MaxScale * l1 * (0.5 + rounding) * 1.001);
    }
}
