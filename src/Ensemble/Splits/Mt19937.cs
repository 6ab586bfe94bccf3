namespace Recommender.Ensemble.Splits;

/// <summary>
/// The 32-bit Mersenne Twister, bit for bit C++ <c>std::mt19937</c> (and numpy's legacy <c>RandomState</c>, whose
/// <c>np.random.seed(n)</c> for an integer n is the same <c>init_genrand</c>). We need it rather than
/// <see cref="Random"/> because the benchmark split (../shared/PROTOCOL.md) is defined by numpy's stream.
/// Not thread-safe; one instance per sequence.
/// </summary>
public sealed class Mt19937
{
    private const int StateSize = 624;
    private const int ShiftSize = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[StateSize];
    private int _next;

    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < StateSize; i++)
            _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        _next = StateSize;
    }

    /// <summary>The next 32-bit output (<c>std::mt19937::operator()</c>, numpy's <c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (_next >= StateSize)
            Twist();
        var y = _state[_next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// A double in [0, 1) with 53 random bits from two outputs, numpy's <c>genrand_res53</c> (what
    /// <c>np.random.rand</c> returns): ((a &gt;&gt; 5) · 2^26 + (b &gt;&gt; 6)) / 2^53.
    /// </summary>
    public double NextDouble53()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void Twist()
    {
        for (var i = 0; i < StateSize; i++)
        {
            var y = (_state[i] & UpperMask) | (_state[(i + 1) % StateSize] & LowerMask);
            var next = _state[(i + ShiftSize) % StateSize] ^ (y >> 1);
            _state[i] = (y & 1) == 0 ? next : next ^ MatrixA;
        }
        _next = 0;
    }
}
