namespace Recommender.Ensemble.Scoring;

/// <summary>Argument checks shared by every scorer's constructor, so they all reject the same inputs the same way.</summary>
internal static class EmbeddingMatrixShape
{
    public static void Validate(ReadOnlySpan<float> itemEmbeddings, int itemCount, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if ((long)itemCount * dimension != itemEmbeddings.Length)
            throw new ArgumentException($"Expected {itemCount} × {dimension} floats, got {itemEmbeddings.Length}.", nameof(itemEmbeddings));
        if (TiledLengthLong(itemCount, dimension) > Array.MaxLength)
            throw new ArgumentException($"{itemCount} × {dimension} items do not fit in one array.", nameof(itemEmbeddings));
    }

    public static int TiledLength(int itemCount, int dimension) => checked((int)TiledLengthLong(itemCount, dimension));

    public static void ValidateQueries(int length, int dimension, string parameterName)
    {
        if (length % dimension != 0)
            throw new ArgumentException($"Queries hold {length} floats, not a multiple of the dimension {dimension}.", parameterName);
    }

    private static long TiledLengthLong(int itemCount, int dimension) =>
        (long)FloatTiles.TileCountFor(itemCount) * TileKernels.TileWidth * dimension;
}
