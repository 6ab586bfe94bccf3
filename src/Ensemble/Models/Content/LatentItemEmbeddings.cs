using System.Numerics.Tensors;
using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// Item embeddings from a truncated SVD of the item × feature matrix: the rows of U Σ (whose inner products
/// approximate those of the feature rows), scaled to unit length so inner product is cosine similarity.
/// Rows of items without features stay exactly zero. Short ranks are zero-padded to the requested dimension.
/// </summary>
internal static class LatentItemEmbeddings
{
    /// <summary>A row this much shorter than the largest singular value is numerical noise, not content.</summary>
    private const double NoiseFloor = 1e-6;

    public static float[] FromSvd(TruncatedSvd svd, int dimensions)
    {
        var rank = Math.Min(svd.Rank, dimensions);
        var embeddings = new float[svd.Rows * dimensions];
        if (rank == 0)
            return embeddings;
        var scale = new float[rank];
        for (var k = 0; k < rank; k++)
            scale[k] = (float)svd.SingularValues[k];
        var floor = (float)(NoiseFloor * svd.SingularValues[0]);
        for (var row = 0; row < svd.Rows; row++)
        {
            var embedding = embeddings.AsSpan(row * dimensions, rank);
            TensorPrimitives.Multiply(svd.LeftVectors.AsSpan(row * svd.Rank, rank), scale, embedding);
            var norm = TensorPrimitives.Norm(embedding);
            if (norm > floor)
                TensorPrimitives.Divide(embedding, norm, embedding);
            else
                embedding.Clear();
        }
        return embeddings;
    }
}
