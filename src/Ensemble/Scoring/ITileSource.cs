namespace Recommender.Ensemble.Scoring;

/// <summary>
/// An item matrix cut into tiles of <see cref="TileKernels.TileWidth"/> items that can score a block of queries one
/// tile at a time. Implemented by structs so that the generic scan is specialised (and the scoring call inlined) for
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
    /// <c>scores[(q * tileCount + t) * 16 + lane]</c> = score of item <c>16 · (firstTile + t) + lane</c> for query
    /// q &lt; queryCount (<paramref name="queries"/> is queryCount × D, row-major), for
    /// <paramref name="tileCount"/> ≤ <see cref="TileKernels.TilesPerStep"/> consecutive tiles. Lanes past the last
    /// item score 0.
    /// </summary>
    void Score(int firstTile, int tileCount, SimdWidth width, ReadOnlySpan<float> queries, int queryCount, Span<float> scores);
}
