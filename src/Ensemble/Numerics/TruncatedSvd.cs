namespace Recommender.Ensemble.Numerics;

/// <summary>
/// The leading part of a singular value decomposition A ≈ U Σ Vᵀ: the left singular vectors (row-major
/// rows × rank, column k belongs to singular value k) and the singular values in descending order.
/// Right singular vectors are not kept: the content model only needs the rows of U Σ.
/// </summary>
public sealed class TruncatedSvd
{
    public TruncatedSvd(int rows, int rank, float[] leftVectors, double[] singularValues)
    {
        if (leftVectors.Length != rows * rank)
            throw new ArgumentException($"Left vectors must be {rows} × {rank}.", nameof(leftVectors));
        if (singularValues.Length != rank)
            throw new ArgumentException($"Expected {rank} singular values.", nameof(singularValues));
        Rows = rows;
        Rank = rank;
        LeftVectors = leftVectors;
        SingularValues = singularValues;
    }

    public int Rows { get; }

    /// <summary>How many singular triplets were computed (at most min(rows, columns) of the input).</summary>
    public int Rank { get; }

    public float[] LeftVectors { get; }

    public double[] SingularValues { get; }
}
