using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Recommender.Api.Serving;

/// <summary>
/// Request ids in the UUID version 7 layout (RFC 9562: 48-bit Unix milliseconds, then 74 random bits), written as
/// 32 hex digits: unique without coordination, and ordered by time, which keeps the exposure store's key index
/// appending. <see cref="Guid.CreateVersion7()"/> asks the operating system for 16 random bytes per id; on the
/// request path that system call was ≈ 1% of the server's CPU, so each thread here draws its random bytes from the
/// same cryptographic source 4 KiB at a time.
/// </summary>
public sealed class RequestIds(TimeProvider time) : IDisposable
{
    private const int RandomBytesPerId = 10;
    private const int BufferBytes = 4096 / RandomBytesPerId * RandomBytesPerId;

    private readonly ThreadLocal<RandomBytes> _random = new(() => new RandomBytes());

    /// <summary>A new id, stamped with the current time.</summary>
    public string Next()
    {
        Span<byte> id = stackalloc byte[16];
        var milliseconds = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Bytes 0–5: the timestamp, big-endian (the top 16 bits of the 64-bit value are zero until the year 10889).
        BinaryPrimitives.WriteInt64BigEndian(id[..8], milliseconds << 16);
        _random.Value!.Take(id[6..]);
        id[6] = (byte)(0x70 | (id[6] & 0x0F)); // version 7
        id[8] = (byte)(0x80 | (id[8] & 0x3F)); // RFC 9562 variant
        return new Guid(id, bigEndian: true).ToString("N");
    }

    public void Dispose() => _random.Dispose();

    private sealed class RandomBytes
    {
        private readonly byte[] _buffer = new byte[BufferBytes];
        private int _next = BufferBytes; // empty: filled on first use

        public void Take(Span<byte> target)
        {
            if (_next + target.Length > _buffer.Length)
            {
                RandomNumberGenerator.Fill(_buffer);
                _next = 0;
            }
            _buffer.AsSpan(_next, target.Length).CopyTo(target);
            _next += target.Length;
        }
    }
}
