namespace Recommender.Ensemble.Scoring;

/// <summary>
/// An fp32 item matrix in the tiled layout: tile t holds items 16t … 16t+15, row d of the tile is their d-th
/// components, so <c>tiles[(t * D + d) * 16 + lane]</c>. Lanes past the last item are zero and are never reported.
/// </summary>
internal readonly struct FloatTiles : ITileSource
{
    private readonly float[] _tiles;

    private FloatTiles(float[] tiles, int itemCount, int dimension)
    {
        _tiles = tiles;
        ItemCount = itemCount;
        Dimension = dimension;
        TileCount = TileCountFor(itemCount);
    }

    public int ItemCount { get; }

    public int Dimension { get; }

    public int TileCount { get; }

    public int BytesPerTile => TileKernels.TileWidth * Dimension * sizeof(float);

    public static int TileCountFor(int itemCount) => (itemCount + TileKernels.TileWidth - 1) / TileKernels.TileWidth;

    /// <summary>Copies a row-major items × dimension matrix into the tiled layout.</summary>
    public static FloatTiles FromRowMajor(ReadOnlySpan<float> rowMajor, int itemCount, int dimension)
    {
        EmbeddingMatrixShape.Validate(rowMajor, itemCount, dimension);
        var tiles = new float[EmbeddingMatrixShape.TiledLength(itemCount, dimension)];
        const int w = TileKernels.TileWidth;
        for (var item = 0; item < itemCount; item++)
        {
            var tileBase = item / w * w * dimension;
            var lane = item % w;
            var row = rowMajor.Slice(item * dimension, dimension);
            for (var d = 0; d < dimension; d++)
                tiles[tileBase + d * w + lane] = row[d];
        }
        return new FloatTiles(tiles, itemCount, dimension);
    }

    public void Score(int firstTile, int tileCount, SimdWidth width, ReadOnlySpan<float> queries, int queryCount, Span<float> scores)
    {
        var tileLength = TileKernels.TileWidth * Dimension;
        TileKernels.Score(width, _tiles.AsSpan(firstTile * tileLength, tileCount * tileLength), tileCount, queries, queryCount, Dimension, scores);
    }

    /// <summary>Tile <paramref name="tile"/>: D rows of 16 floats.</summary>
    public ReadOnlySpan<float> Rows(int tile) =>
        _tiles.AsSpan(tile * TileKernels.TileWidth * Dimension, TileKernels.TileWidth * Dimension);
}
