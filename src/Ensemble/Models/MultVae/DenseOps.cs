using System.Numerics.Tensors;

namespace Recommender.Ensemble.Models.MultVae;

/// <summary>
/// The three row-major matrix products a fully connected layer needs forwards and backwards, each written as
/// vectorised passes over contiguous rows (the matrices here are at most a batch by a catalogue).
/// </summary>
internal static class DenseOps
{
    /// <summary>output[r, :] += Σ_k a[r, k] · w[k, :] for a (rows × inner) and w (inner × columns).</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> a, int rows, ReadOnlySpan<float> w, int inner, Span<float> output)
    {
        var columns = w.Length / inner;
        for (var r = 0; r < rows; r++)
        {
            var target = output.Slice(r * columns, columns);
            var coefficients = a.Slice(r * inner, inner);
            for (var k = 0; k < inner; k++)
                TensorPrimitives.MultiplyAdd(w.Slice(k * columns, columns), coefficients[k], target, target);
        }
    }

    /// <summary>output[r, k] = a[r, :] · w[k, :] for a (rows × columns) and w (inner × columns): a times wᵀ.</summary>
    public static void MultiplyTransposed(ReadOnlySpan<float> a, int rows, ReadOnlySpan<float> w, int inner, Span<float> output)
    {
        var columns = w.Length / inner;
        for (var r = 0; r < rows; r++)
        {
            var source = a.Slice(r * columns, columns);
            for (var k = 0; k < inner; k++)
                output[r * inner + k] = TensorPrimitives.Dot(source, w.Slice(k * columns, columns));
        }
    }

    /// <summary>gradient[k, :] += Σ_r a[r, k] · d[r, :] for a (rows × inner) and d (rows × columns): aᵀ times d.</summary>
    public static void AccumulateTransposed(ReadOnlySpan<float> a, int rows, int inner, ReadOnlySpan<float> d, Span<float> gradient)
    {
        var columns = gradient.Length / inner;
        for (var r = 0; r < rows; r++)
        {
            var source = d.Slice(r * columns, columns);
            var coefficients = a.Slice(r * inner, inner);
            for (var k = 0; k < inner; k++)
                TensorPrimitives.MultiplyAdd(source, coefficients[k], gradient.Slice(k * columns, columns), gradient.Slice(k * columns, columns));
        }
    }

    /// <summary>sum[:] = Σ_r d[r, :] (a bias gradient).</summary>
    public static void SumRows(ReadOnlySpan<float> d, int rows, Span<float> sum)
    {
        var columns = sum.Length;
        sum.Clear();
        for (var r = 0; r < rows; r++)
            TensorPrimitives.Add(sum, d.Slice(r * columns, columns), sum);
    }

    /// <summary>Every row of output (rows × bias.Length) set to the bias.</summary>
    public static void Broadcast(ReadOnlySpan<float> bias, int rows, Span<float> output)
    {
        for (var r = 0; r < rows; r++)
            bias.CopyTo(output.Slice(r * bias.Length, bias.Length));
    }
}
