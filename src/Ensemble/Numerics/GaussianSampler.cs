namespace Recommender.Ensemble.Numerics;

/// <summary>
/// Standard normal numbers from a seed, identical on every machine and runtime: SplitMix64 for uniform bits
/// (our own, so no framework change can alter a fitted model) and the Box–Muller transform for the normal pairs.
/// </summary>
internal sealed class GaussianSampler
{
    private const double TwoPi = 2 * Math.PI;
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    public GaussianSampler(int seed)
    {
        // Spread the seed so that neighbouring seeds start far apart in the sequence.
        _state = 0x9E3779B97F4A7C15UL * (ulong)(uint)seed + 0xD1B54A32D192ED03UL;
    }

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        // 1 - u keeps the logarithm's argument in (0, 1].
        var radius = Math.Sqrt(-2 * Math.Log(1 - NextUniform()));
        var angle = TwoPi * NextUniform();
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }

    public void Fill(Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
            destination[i] = (float)Next();
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    private double NextUniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    private ulong NextBits()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
