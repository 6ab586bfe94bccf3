using System.Security.Cryptography;
using System.Text;

namespace Recommender.Api.Experiments;

/// <summary>
/// Where a user falls, 0–100, in an experiment's percentile allocation, computed the way Microsoft.FeatureManagement
/// 4.x buckets users (Targeting/TargetingEvaluator.cs): SHA-256 of "{userId}\n{seed}" in UTF-8, its first four bytes
/// as an unsigned integer in the machine's byte order (BitConverter, as the library reads them), divided by
/// uint.MaxValue, times 100. Without a seed the library salts with "allocation\n{flag id}". Only reported to explain an
/// assignment; the assignment itself is feature management's (the tests check both agree for thousands of users).
/// </summary>
public static class UserPercentile
{
    public static double Of(string userId, string? seed, string experimentId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var salt = seed ?? $"allocation\n{experimentId}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{salt}"), hash);
        var marker = BitConverter.ToUInt32(hash[..4]);
        return marker / (double)uint.MaxValue * 100;
    }
}
