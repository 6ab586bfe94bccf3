using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Numerics;

/// <summary>
/// The least-squares problems of implicit-feedback ALS. For a row u (a user against item factors Y, or an item
/// against user factors X) with observed entries i of confidence c_i, the factor x solves
/// <c>(YᵀY + Σ_i (|c_i| − 1) y_i y_iᵀ + λI) x = Σ_{c_i &gt; 0} c_i y_i</c>:
/// unobserved entries have preference 0 and confidence 1, observed ones preference 1 and confidence c_i (a negative
/// c_i means preference 0 with confidence |c_i|, as in implicit). YᵀY is shared by all rows, so only the observed
/// entries cost anything per row.
/// </summary>
internal static class ImplicitLeastSquares
{
    /// <summary>Below this squared residual norm CG stops (implicit's threshold).</summary>
    private const float ConvergedResidual = 1e-20f;

    /// <summary>
    /// One half-sweep: re-solves every row of <paramref name="solved"/> against <paramref name="fixedFactors"/> with
    /// <paramref name="steps"/> conjugate-gradient steps, starting from the row's current value. The matrix
    /// <c>A = YᵀY + λI + Σ_i (|c_i| − 1) y_i y_iᵀ</c> is never formed: A·p is YᵀY·p (one shared f × f matrix) plus one
    /// dot and one axpy per observed entry. A row with no entries gets the zero vector.
    /// </summary>
    public static void ConjugateGradientSweep(
        CsrMatrix confidence, float[] solved, float[] fixedFactors, int factors, float regularization, int steps, ParallelOptions parallel)
    {
        var rows = confidence.RowCount;
        if (solved.Length != rows * factors || fixedFactors.Length != confidence.ColumnCount * factors)
            throw new ArgumentException("Factor matrices do not match the confidence matrix.");
        var gram = GramMatrix.Compute(fixedFactors, confidence.ColumnCount, factors, parallel);
        var system = new float[factors * factors];
        for (var i = 0; i < system.Length; i++)
            system[i] = (float)gram[i];
        for (var d = 0; d < factors; d++)
            system[d * factors + d] += regularization;

        // Many small ranges balance the skew of popular items; scratch vectors live per worker, not per row.
        var rangeSize = Math.Clamp(rows / (64 * Math.Max(1, parallel.MaxDegreeOfParallelism)), 1, 1024);
        Parallel.ForEach(
            Partitioner.Create(0, rows, rangeSize),
            parallel,
            () => new ConjugateGradientScratch(factors),
            (range, _, scratch) =>
            {
                for (var row = range.Item1; row < range.Item2; row++)
                {
                    var start = confidence.RowPointers[row];
                    var length = confidence.RowPointers[row + 1] - start;
                    SolveRow(
                        system,
                        fixedFactors,
                        confidence.ColumnIndices.AsSpan(start, length),
                        confidence.Values.AsSpan(start, length),
                        solved.AsSpan(row * factors, factors),
                        steps,
                        scratch);
                }
                return scratch;
            },
            static _ => { });
    }

    /// <summary>
    /// Conjugate gradient on one row, warm-started from <paramref name="x"/> and updated in place; the same
    /// recurrences as implicit's <c>least_squares_cg</c>.
    /// </summary>
    internal static void SolveRow(
        ReadOnlySpan<float> system, float[] fixedFactors, ReadOnlySpan<int> columns, ReadOnlySpan<float> confidence,
        Span<float> x, int steps, ConjugateGradientScratch scratch)
    {
        if (columns.IsEmpty)
        {
            x.Clear();
            return;
        }
        var f = x.Length;
        var r = scratch.Residual;
        var p = scratch.Direction;
        var ap = scratch.Product;

        // r = b − A x = −(YᵀY + λI) x + Σ_i (max(c_i, 0) − (|c_i| − 1) y_i·x) y_i
        FactorKernels.SymmetricMultiply(system, x, r);
        TensorPrimitives.Negate(r, r);
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var r0 = ref MemoryMarshal.GetArrayDataReference(r);
        EntryKernels.Accumulate<ResidualCoefficient>(fixedFactors, f, columns, confidence, ref x0, ref r0);

        r.CopyTo(p);
        var residualNorm = TensorPrimitives.Dot(r, r);
        if (residualNorm < ConvergedResidual)
            return;

        ref var p0 = ref MemoryMarshal.GetArrayDataReference(p);
        ref var ap0 = ref MemoryMarshal.GetArrayDataReference(ap);
        for (var step = 0; step < steps; step++)
        {
            // Ap = (YᵀY + λI) p + Σ_i (|c_i| − 1) (y_i·p) y_i; entries with confidence exactly 1 add nothing.
            FactorKernels.SymmetricMultiply(system, p, ap);
            EntryKernels.Accumulate<CurvatureCoefficient>(fixedFactors, f, columns, confidence, ref p0, ref ap0);

            var stepLength = residualNorm / FactorKernels.Dot(ref p0, ref ap0, f);
            FactorKernels.MultiplyAdd(ref p0, stepLength, ref x0, f);
            FactorKernels.MultiplyAdd(ref ap0, -stepLength, ref r0, f);
            var newResidualNorm = FactorKernels.Dot(ref r0, ref r0, f);
            if (newResidualNorm < ConvergedResidual)
                break;
            // p = r + (‖r_new‖² / ‖r_old‖²) p
            TensorPrimitives.MultiplyAdd(p, newResidualNorm / residualNorm, r, p);
            residualNorm = newResidualNorm;
        }
    }

    /// <summary>
    /// The exact solution for one row (no CG), in double through a Cholesky factorisation of the f × f system:
    /// the fold-in of a new user. <paramref name="gram"/> is YᵀY without the ridge.
    /// </summary>
    public static void SolveRowExact(
        ReadOnlySpan<double> gram, float regularization, ReadOnlySpan<float> fixedFactors, int factors,
        ReadOnlySpan<int> columns, ReadOnlySpan<float> confidence, Span<float> x)
    {
        var f = factors;
        if (gram.Length != f * f || x.Length != f)
            throw new ArgumentException("Sizes of the Gram matrix, factors and output disagree.");
        if (columns.IsEmpty)
        {
            x.Clear();
            return;
        }
        var system = gram.ToArray();
        var rhs = new double[f];
        for (var d = 0; d < f; d++)
            system[d * f + d] += regularization;
        for (var e = 0; e < columns.Length; e++)
        {
            var c = confidence[e];
            var y = fixedFactors.Slice(columns[e] * f, f);
            if (c > 0)
            {
                for (var d = 0; d < f; d++)
                    rhs[d] += (double)c * y[d];
            }
            var curvature = Math.Abs((double)c) - 1.0;
            if (curvature == 0)
                continue;
            // Lower triangle only: that is all the factorisation reads.
            for (var row = 0; row < f; row++)
            {
                var scaled = curvature * y[row];
                var target = system.AsSpan(row * f, row + 1);
                for (var col = 0; col <= row; col++)
                    target[col] += scaled * y[col];
            }
        }
        Cholesky.Factor(system, f);
        Cholesky.Solve(system, f, rhs);
        for (var d = 0; d < f; d++)
            x[d] = (float)rhs[d];
    }
}

/// <summary>Per-worker vectors of one conjugate-gradient solve, reused row after row.</summary>
internal sealed class ConjugateGradientScratch(int factors)
{
    public float[] Residual { get; } = new float[factors];
    public float[] Direction { get; } = new float[factors];
    public float[] Product { get; } = new float[factors];
}
