namespace Recommender.Ensemble.Tests.Models;

/// <summary>
/// Textbook dense linear algebra in double, written independently of the production kernels (no blocking, no
/// SIMD, partial pivoting), so tests can compare against it.
/// </summary>
internal static class ReferenceAlgebra
{
    /// <summary>Solves A x = b by Gaussian elimination with partial pivoting (A is n × n row-major, not modified).</summary>
    public static double[] Solve(double[] a, double[] b)
    {
        var n = b.Length;
        var inverse = Invert(a, n);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                x[i] += inverse[i * n + j] * b[j];
        }
        return x;
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting.</summary>
    public static double[] Invert(double[] a, int n)
    {
        var work = new double[n * 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                work[i * 2 * n + j] = a[i * n + j];
            work[i * 2 * n + n + i] = 1;
        }
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(work[r * 2 * n + col]) > Math.Abs(work[pivot * 2 * n + col]))
                    pivot = r;
            }
            if (pivot != col)
            {
                for (var j = 0; j < 2 * n; j++)
                    (work[col * 2 * n + j], work[pivot * 2 * n + j]) = (work[pivot * 2 * n + j], work[col * 2 * n + j]);
            }
            var scale = work[col * 2 * n + col];
            for (var j = 0; j < 2 * n; j++)
                work[col * 2 * n + j] /= scale;
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                    continue;
                var factor = work[r * 2 * n + col];
                if (factor == 0)
                    continue;
                for (var j = 0; j < 2 * n; j++)
                    work[r * 2 * n + j] -= factor * work[col * 2 * n + j];
            }
        }
        var result = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                result[i * n + j] = work[i * 2 * n + n + j];
        }
        return result;
    }

    /// <summary>A random symmetric positive-definite matrix M·Mᵀ + n·I.</summary>
    public static double[] RandomSpd(int n, int seed)
    {
        var random = new Random(seed);
        var m = new double[n * n];
        for (var i = 0; i < m.Length; i++)
            m[i] = random.NextDouble() * 2 - 1;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                    sum += m[i * n + k] * m[j * n + k];
                a[i * n + j] = sum + (i == j ? n : 0);
            }
        }
        return a;
    }

    public static double[] Multiply(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                var aik = a[i * n + k];
                for (var j = 0; j < n; j++)
                    c[i * n + j] += aik * b[k * n + j];
            }
        }
        return c;
    }
}
