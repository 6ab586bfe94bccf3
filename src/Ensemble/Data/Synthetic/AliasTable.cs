namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// Vose's alias method: after an O(n) build, draws index i with probability weight[i] / Σ weight in O(1),
/// which is what keeps sampling from a million-item catalog independent of the catalog's size.
/// </summary>
internal sealed class AliasTable
{
    private readonly double[] _keep;
    private readonly int[] _alias;

    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        _keep = new double[n];
        _alias = new int[n];
        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentException("Weights must be finite and non-negative.", nameof(weights));
            total += w;
        }
        if (n == 0 || total == 0)
        {
            // Nothing can be drawn; Count == 0 or HasMass == false tells callers.
            Count = n;
            return;
        }

        HasMass = true;
        Count = n;
        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int smallCount = 0, largeCount = 0;
        for (var i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1)
                small[smallCount++] = i;
            else
                large[largeCount++] = i;
        }
        while (smallCount > 0 && largeCount > 0)
        {
            var less = small[--smallCount];
            var more = large[--largeCount];
            _keep[less] = scaled[less];
            _alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            if (scaled[more] < 1)
                small[smallCount++] = more;
            else
                large[largeCount++] = more;
        }
        // What remains is 1 up to rounding error.
        while (largeCount > 0)
        {
            var i = large[--largeCount];
            _keep[i] = 1;
            _alias[i] = i;
        }
        while (smallCount > 0)
        {
            var i = small[--smallCount];
            _keep[i] = 1;
            _alias[i] = i;
        }
    }

    public int Count { get; }

    /// <summary>Whether any weight is positive (otherwise <see cref="Sample"/> must not be called).</summary>
    public bool HasMass { get; }

    public int Sample(DeterministicRandom random)
    {
        var i = random.NextInt(_keep.Length);
        return random.NextDouble() < _keep[i] ? i : _alias[i];
    }
}
