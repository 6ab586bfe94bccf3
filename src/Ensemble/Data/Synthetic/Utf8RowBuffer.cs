using System.Globalization;
using System.Text;

namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// A growable UTF-8 byte buffer that CSV rows are formatted into: numbers go through TryFormat straight into the
/// bytes, so producing millions of rows allocates nothing but the buffer itself (which is reused).
/// </summary>
internal sealed class Utf8RowBuffer(int initialCapacity = 1 << 20)
{
    private byte[] _bytes = new byte[initialCapacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Write(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void Write(long value)
    {
        if (!value.TryFormat(Reserve(20), out var written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("20 bytes always hold a long.");
        Length += written;
    }

    /// <summary>An amount of cents as a decimal with two places (1299 → 12.99).</summary>
    public void WriteCents(long cents)
    {
        Write(cents / 100);
        var fraction = Reserve(3);
        fraction[0] = (byte)'.';
        fraction[1] = (byte)('0' + cents % 100 / 10);
        fraction[2] = (byte)('0' + cents % 10);
        Length += 3;
    }

    /// <summary>Unix seconds as ISO-8601 UTC, e.g. 2024-03-05T14:07:09Z.</summary>
    public void WriteIsoUtc(long unixSeconds)
    {
        var time = DateTime.UnixEpoch.AddSeconds(unixSeconds);
        var span = Reserve(20);
        WriteDigits(span[..4], time.Year);
        span[4] = (byte)'-';
        WriteDigits(span.Slice(5, 2), time.Month);
        span[7] = (byte)'-';
        WriteDigits(span.Slice(8, 2), time.Day);
        span[10] = (byte)'T';
        WriteDigits(span.Slice(11, 2), time.Hour);
        span[13] = (byte)':';
        WriteDigits(span.Slice(14, 2), time.Minute);
        span[16] = (byte)':';
        WriteDigits(span.Slice(17, 2), time.Second);
        span[19] = (byte)'Z';
        Length += 20;
    }

    /// <summary>A CSV field, quoted (RFC 4180, quotes doubled) only when it holds a comma, quote or line break.</summary>
    public void WriteField(ReadOnlySpan<byte> field)
    {
        if (field.IndexOfAny(",\"\r\n"u8) < 0)
        {
            Write(field);
            return;
        }
        Write((byte)'"');
        foreach (var b in field)
        {
            if (b == (byte)'"')
                Write((byte)'"');
            Write(b);
        }
        Write((byte)'"');
    }

    public void WriteField(string field)
    {
        Span<byte> utf8 = stackalloc byte[256];
        var bytes = field.Length * 3 <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(field, utf8)] : Encoding.UTF8.GetBytes(field);
        WriteField(bytes);
    }

    public void CopyTo(Stream stream) => stream.Write(_bytes, 0, Length);

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        return _bytes.AsSpan(Length, count);
    }

    private static void WriteDigits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
