using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Recommender.Ensemble.Data;

/// <summary>
/// Fingerprints of interaction sets. <see cref="OfPairs"/> is the one ../shared/PROTOCOL.md defines for splits:
/// SHA-256 of the sorted int64 array userId * 100000 + itemId (little-endian), first 16 hex digits.
/// </summary>
public static class DataFingerprint
{
    /// <summary>PROTOCOL.md's split fingerprint; ids must be integers (MovieLens).</summary>
    public static string OfPairs(InteractionLog log)
    {
        var keys = new long[log.Count];
        for (var i = 0; i < log.Count; i++)
            keys[i] = long.Parse(log.Users[log.UserIndex[i]]) * 100_000 + long.Parse(log.Items[log.ItemIndex[i]]);
        Array.Sort(keys);
        var bytes = new byte[keys.Length * sizeof(long)];
        for (var i = 0; i < keys.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), keys[i]);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    /// <summary>Hash of every row (ids, weight, time) in order: any change to the data changes it.</summary>
    public static string Of(InteractionLog log)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[16];
        for (var i = 0; i < log.Count; i++)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(log.Users[log.UserIndex[i]]));
            hash.AppendData("\t"u8);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(log.Items[log.ItemIndex[i]]));
            BinaryPrimitives.WriteSingleLittleEndian(buffer, log.Weight[i]);
            BinaryPrimitives.WriteInt64LittleEndian(buffer[4..], log.Timestamp[i]);
            hash.AppendData(buffer[..12]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
