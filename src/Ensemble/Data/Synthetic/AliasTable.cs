namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// Vose's alias method: after an O(n) build, draws value i with probability weight[i] / Σ weight in O(1),
/// which is what keeps sampling from a million-item catalog independent of the catalog's size.
/// Each slot stores its own value, its alias's value and the chance to keep its own in one 16-byte entry, so a
/// draw touches a single cache line — sampling is bound by memory latency, not arithmetic.
/// </summary>
internal sealed class AliasTable
{
    private readonly Slot[] _slots;

    /// <param name="weights">Non-negative, finite weights.</param>
    /// <param name="values">What a draw of slot i returns; default: i itself.</param>
    public AliasTable(ReadOnlySpan<double> weights, ReadOnlySpan<int> values = default)
    {
        var n = weights.Length;
        if (!values.IsEmpty && values.Length != n)
            throw new ArgumentException("values must have one entry per weight.", nameof(values));
        _slots = new Slot[n];
        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentException("Weights must be finite and non-negative.", nameof(weights));
            total += w;
        }
        if (total == 0)
            return; // HasMass is false: nothing can be drawn.
        HasMass = true;

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
        int ValueOf(int slot, ReadOnlySpan<int> values) => values.IsEmpty ? slot : values[slot];
        while (smallCount > 0 && largeCount > 0)
        {
            var less = small[--smallCount];
            var more = large[--largeCount];
            _slots[less] = new Slot(scaled[less], ValueOf(less, values), ValueOf(more, values));
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
            _slots[i] = new Slot(1, ValueOf(i, values), ValueOf(i, values));
        }
        while (smallCount > 0)
        {
            var i = small[--smallCount];
            _slots[i] = new Slot(1, ValueOf(i, values), ValueOf(i, values));
        }
    }

    public int Count => _slots.Length;

    /// <summary>Whether any weight is positive (otherwise <see cref="Sample"/> must not be called).</summary>
    public bool HasMass { get; }

    public int Sample(DeterministicRandom random)
    {
        // The high half of a 64×64-bit product maps 64 random bits onto the slots with negligible bias.
        var slot = (int)Math.BigMul(random.NextUInt64(), (ulong)_slots.Length, out _);
        ref readonly var chosen = ref _slots[slot];
        return random.NextDouble() < chosen.Keep ? chosen.Value : chosen.AliasValue;
    }

    private readonly record struct Slot(double Keep, int Value, int AliasValue);
}
