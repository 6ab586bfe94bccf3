namespace Recommender.Ensemble.Numerics;

/// <summary>Transposition of row-major dense panels, to switch between row-wise and column-wise access.</summary>
internal static class DenseTranspose
{
    /// <summary>sourceᵀ (columns × rows) of a row-major rows × columns matrix.</summary>
    public static float[] Of(float[] source, int rows, int columns)
    {
        var result = new float[source.Length];
        Into(source, rows, columns, result);
        return result;
    }

    /// <summary>destination (columns × rows) = sourceᵀ, where source is rows × columns, both row-major.</summary>
    public static void Into(float[] source, int rows, int columns, float[] destination)
    {
        if (source.Length != rows * columns || destination.Length != source.Length)
            throw new ArgumentException($"Both matrices must hold {rows} × {columns} elements.");
        for (var r = 0; r < rows; r++)
        {
            var sourceRow = source.AsSpan(r * columns, columns);
            for (var c = 0; c < columns; c++)
                destination[c * rows + r] = sourceRow[c];
        }
    }
}
