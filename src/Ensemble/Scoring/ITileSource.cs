namespace Recommender.Ensemble.Scoring;

/// <summary>
/// An item matrix cut into tiles of <see cref="TileKernels.TileWidth"/> items, each readable as 16 × D floats
/// dimension-major. Implemented by structs so that the generic scan is specialised (and the tile access inlined) for
/// each storage format.
/// </summary>
internal interface ITileSource
{
    int ItemCount { get; }

    int Dimension { get; }

    int TileCount { get; }

    /// <summary>Bytes one tile occupies in memory: what the scan streams, used to size work chunks.</summary>
    int BytesPerTile { get; }

    /// <summary>
    /// Tile <paramref name="tile"/> as 16 × D floats, dimension-major; a source that stores another format decodes it
    /// into <paramref name="scratch"/> (16 × D floats) and returns that.
    /// </summary>
    ReadOnlySpan<float> Tile(int tile, SimdWidth width, Span<float> scratch);
}
