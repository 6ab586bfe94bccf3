namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method: plane rotations zero the
/// off-diagonal entries one at a time until they vanish. Slow for large matrices (O(n³) per sweep) but simple,
/// unconditionally stable and accurate even for tiny eigenvalues, which is what the randomized SVD's l × l
/// projected problem needs.
/// </summary>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>
    /// Eigenvalues in descending order, and the matching unit eigenvectors as the columns of a row-major
    /// n × n matrix (vectors[row * n + k] is component row of eigenvector k).
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> symmetric, int n)
    {
        if (symmetric.Length != n * n)
            throw new ArgumentException($"Expected a {n} × {n} matrix.", nameof(symmetric));
        var a = symmetric.ToArray();
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
            v[i * n + i] = 1;

        var scale = 0.0;
        foreach (var x in a)
            scale += x * x;
        var tolerance = 1e-30 * scale;
        for (var sweep = 0; sweep < MaxSweeps && OffDiagonalSquares(a, n) > tolerance; sweep++)
        {
            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                    Rotate(a, v, n, p, q);
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => a[i * n + i]).ThenBy(i => i).ToArray();
        var values = new double[n];
        var vectors = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            values[k] = a[order[k] * n + order[k]];
            for (var row = 0; row < n; row++)
                vectors[row * n + k] = v[row * n + order[k]];
        }
        return (values, vectors);
    }

    /// <summary>A ← Jᵀ A J and V ← V J with the rotation J in the (p, q) plane that zeroes a[p, q].</summary>
    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        var apq = a[p * n + q];
        if (apq == 0)
            return;
        // tan φ is the smaller root of t² + 2θt − 1 = 0, which keeps the rotation angle ≤ π/4 (stable).
        var theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        var t = Math.Sign(theta) == 0 ? 1.0 : Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var akp = a[k * n + p];
            var akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }
        for (var k = 0; k < n; k++)
        {
            var apk = a[p * n + k];
            var aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }
        for (var k = 0; k < n; k++)
        {
            var vkp = v[k * n + p];
            var vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static double OffDiagonalSquares(double[] a, int n)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                    sum += a[i * n + j] * a[i * n + j];
            }
        }
        return sum;
    }
}
