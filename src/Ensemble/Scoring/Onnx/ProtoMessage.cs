using System.Runtime.InteropServices;
using System.Text;

namespace Recommender.Ensemble.Scoring.Onnx;

/// <summary>
/// The part of the protocol-buffers wire format an ONNX model needs: varint and length-delimited fields, nested
/// messages, and a float array written as raw little-endian bytes. Sizes are computed before writing, so a model with
/// a 256 MB initializer is serialised into one exactly-sized array, without intermediate copies of the payload.
/// </summary>
internal sealed class ProtoMessage
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    private readonly List<Field> _fields = [];
    private long? _length;

    public ProtoMessage Varint(int field, long value)
    {
        Add(new Field(field, VarintWireType, value, null, null, null));
        return this;
    }

    public ProtoMessage String(int field, string value)
    {
        Add(new Field(field, LengthDelimitedWireType, 0, Encoding.UTF8.GetBytes(value), null, null));
        return this;
    }

    /// <summary>A bytes field holding <paramref name="values"/> as IEEE 754 little-endian floats (ONNX raw_data).</summary>
    public ProtoMessage FloatBytes(int field, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this machine is not.");
        Add(new Field(field, LengthDelimitedWireType, 0, null, values, null));
        return this;
    }

    public ProtoMessage Message(int field, ProtoMessage message)
    {
        Add(new Field(field, LengthDelimitedWireType, 0, null, null, message));
        return this;
    }

    /// <summary>Bytes of this message's serialised fields (without its own tag and length).</summary>
    public long Length => _length ??= _fields.Sum(f => TagLength(f) + f.PayloadLength);

    public byte[] ToArray()
    {
        if (Length > Array.MaxLength)
            throw new NotSupportedException($"A {Length:N0}-byte message does not fit in one array (protobuf messages are limited to 2 GB).");
        var buffer = new byte[Length];
        var written = WriteTo(buffer);
        if (written != buffer.Length)
            throw new InvalidOperationException($"Wrote {written} bytes of a {buffer.Length}-byte message.");
        return buffer;
    }

    private int WriteTo(Span<byte> destination)
    {
        var at = 0;
        foreach (var field in _fields)
        {
            at += WriteVarint(destination[at..], (ulong)((field.Number << 3) | field.WireType));
            if (field.WireType == VarintWireType)
            {
                at += WriteVarint(destination[at..], (ulong)field.Value);
                continue;
            }
            at += WriteVarint(destination[at..], (ulong)field.PayloadLength);
            if (field.Bytes is not null)
            {
                field.Bytes.CopyTo(destination[at..]);
                at += field.Bytes.Length;
            }
            else if (field.Floats is not null)
            {
                var bytes = MemoryMarshal.AsBytes(field.Floats.AsSpan());
                bytes.CopyTo(destination[at..]);
                at += bytes.Length;
            }
            else
            {
                at += field.Message!.WriteTo(destination[at..]);
            }
        }
        return at;
    }

    private void Add(Field field)
    {
        _fields.Add(field);
        _length = null;
    }

    private static long TagLength(Field field)
    {
        var tag = VarintLength((ulong)((field.Number << 3) | field.WireType));
        return field.WireType == VarintWireType ? tag : tag + VarintLength((ulong)field.PayloadLength);
    }

    internal static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }
        return length;
    }

    internal static int WriteVarint(Span<byte> destination, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            destination[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[at++] = (byte)value;
        return at;
    }

    private sealed record Field(int Number, int WireType, long Value, byte[]? Bytes, float[]? Floats, ProtoMessage? Message)
    {
        public long PayloadLength => WireType == VarintWireType
            ? VarintLength((ulong)Value)
            : Bytes?.Length ?? (Floats is not null ? (long)Floats.Length * sizeof(float) : Message!.Length);
    }
}
