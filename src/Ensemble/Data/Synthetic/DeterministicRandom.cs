namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Written out here rather than using System.Random so that a seed means
/// the same numbers on every .NET version, and so that any (seed, stream, block) gets its own independent
/// generator: work split into fixed blocks then produces the same data on any number of threads.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpareGaussian;

    public DeterministicRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>The generator for block <paramref name="block"/> of one purpose (stream) under one seed.</summary>
    public static DeterministicRandom For(int seed, SyntheticStream stream, long block)
    {
        var state = (ulong)(uint)seed;
        var mixed = SplitMix64(ref state) ^ ((ulong)stream * 0xD1B54A32D192ED03UL);
        mixed = SplitMix64(ref mixed) ^ ((ulong)block * 0x9E3779B97F4A7C15UL);
        return new DeterministicRandom(SplitMix64(ref mixed));
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, bound), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var product = (ulong)(uint)(NextUInt64() >> 32) * (uint)bound;
        if ((uint)product < (uint)bound)
        {
            var threshold = (uint)-bound % (uint)bound;
            while ((uint)product < threshold)
                product = (ulong)(uint)(NextUInt64() >> 32) * (uint)bound;
        }
        return (int)(product >> 32);
    }

    /// <summary>Uniform in [minInclusive, maxExclusive).</summary>
    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var scale = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * scale;
        _hasSpareGaussian = true;
        return u * scale;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
