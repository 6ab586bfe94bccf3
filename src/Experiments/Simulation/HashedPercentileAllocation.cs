using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Recommender.Experiments.Simulation;

/// <summary>
/// Deterministic assignment by hashing, modelled on Microsoft.FeatureManagement's percentile allocation: the
/// user's percentile is the first four bytes (little-endian) of SHA-256("{userId}\n{seed}") over uint.MaxValue,
/// × 100, and the variants own consecutive percentile ranges in the order given ([0, 50) control, [50, 100] blend).
/// A pure function of (user, seed): the same user always lands in the same variant.
/// </summary>
public sealed class HashedPercentileAllocation
{
    private readonly string[] _variants;
    private readonly double[] _upperBounds;   // exclusive percentile bound of each variant; the last is 100
    private readonly string _seed;

    public HashedPercentileAllocation(string seed, IReadOnlyList<VariantAllocation> allocation)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(allocation);
        if (allocation.Count == 0) throw new ArgumentException("The allocation needs at least one variant.", nameof(allocation));
        double total = allocation.Sum(a => a.Share);
        if (total <= 0) throw new ArgumentException("The shares must not all be 0.", nameof(allocation));
        _seed = seed;
        _variants = allocation.Select(a => a.Variant).ToArray();
        _upperBounds = new double[allocation.Count];
        double cumulative = 0;
        for (int i = 0; i < allocation.Count; i++)
        {
            cumulative += allocation[i].Share;
            _upperBounds[i] = 100 * cumulative / total;
        }
        _upperBounds[^1] = 100;   // the top percentile (exactly 100) belongs to the last variant, whatever the rounding
    }

    /// <summary>The variant of <paramref name="userId"/>.</summary>
    public string Assign(string userId)
    {
        double percentile = Percentile(userId);
        for (int i = 0; i < _upperBounds.Length - 1; i++)
            if (percentile < _upperBounds[i]) return _variants[i];
        return _variants[^1];
    }

    /// <summary>The user's percentile in [0, 100].</summary>
    public double Percentile(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        string context = userId + "\n" + _seed;
        int length = Encoding.UTF8.GetByteCount(context);
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(context, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadUInt32LittleEndian(hash) / (double)uint.MaxValue * 100;
    }
}
