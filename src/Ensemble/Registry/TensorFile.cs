using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Recommender.Ensemble.Registry;

/// <summary>
/// The binary tensor format of the registry, one tensor per file:
/// "RTNS" magic, format version (1 byte), element type (1 byte), rank (1 byte), 1 byte padding,
/// rank × int64 shape, then the elements little-endian (strings: int32 byte length + UTF-8 each).
/// </summary>
internal static class TensorFile
{
    public const string Extension = ".tensor";
    private static ReadOnlySpan<byte> Magic => "RTNS"u8;
    private const byte FormatVersion = 1;

    public enum ElementType : byte { Float32 = 1, Int32 = 2, Int64 = 3, Utf8String = 4 }

    public static void Write<T>(Stream stream, ElementType type, ReadOnlySpan<T> data, ReadOnlySpan<long> shape) where T : unmanaged
    {
        WriteHeader(stream, type, shape);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The tensor format is little-endian.");
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    public static void WriteStrings(Stream stream, IReadOnlyList<string> values)
    {
        WriteHeader(stream, ElementType.Utf8String, [values.Count]);
        Span<byte> length = stackalloc byte[4];
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }
    }

    private static void WriteHeader(Stream stream, ElementType type, ReadOnlySpan<long> shape)
    {
        Span<byte> header = stackalloc byte[8 + 8 * shape.Length];
        Magic.CopyTo(header);
        header[4] = FormatVersion;
        header[5] = (byte)type;
        header[6] = checked((byte)shape.Length);
        header[7] = 0;
        for (var i = 0; i < shape.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(header[(8 + 8 * i)..], shape[i]);
        stream.Write(header);
    }

    public static (T[] Data, int[] Shape) Read<T>(string path, ReadOnlySpan<byte> content, ElementType expected) where T : unmanaged
    {
        var shape = ReadHeader(path, content, expected, out var offset);
        long count = 1;
        foreach (var dim in shape)
            count *= dim;
        var elementSize = Marshal.SizeOf<T>();
        if (content.Length - offset != count * elementSize)
            throw new ModelArtifactException(path, $"expected {count} elements ({count * elementSize} bytes) after the header, found {content.Length - offset} bytes");
        var data = MemoryMarshal.Cast<byte, T>(content[offset..]).ToArray();
        return (data, shape);
    }

    public static string[] ReadStrings(string path, ReadOnlySpan<byte> content)
    {
        var shape = ReadHeader(path, content, ElementType.Utf8String, out var offset);
        if (shape.Length != 1)
            throw new ModelArtifactException(path, "a string tensor must have rank 1");
        var values = new string[shape[0]];
        for (var i = 0; i < values.Length; i++)
        {
            if (content.Length - offset < 4)
                throw new ModelArtifactException(path, $"truncated at string {i} of {values.Length}");
            var length = BinaryPrimitives.ReadInt32LittleEndian(content[offset..]);
            offset += 4;
            if (length < 0 || content.Length - offset < length)
                throw new ModelArtifactException(path, $"truncated at string {i} of {values.Length}");
            values[i] = Encoding.UTF8.GetString(content.Slice(offset, length));
            offset += length;
        }
        if (offset != content.Length)
            throw new ModelArtifactException(path, "unexpected bytes after the last string");
        return values;
    }

    private static int[] ReadHeader(string path, ReadOnlySpan<byte> content, ElementType expected, out int offset)
    {
        if (content.Length < 8 || !content[..4].SequenceEqual(Magic))
            throw new ModelArtifactException(path, "not a tensor file (bad magic)");
        if (content[4] != FormatVersion)
            throw new ModelArtifactException(path, $"tensor format version {content[4]} is not supported");
        if (content[5] != (byte)expected)
            throw new ModelArtifactException(path, $"holds {(ElementType)content[5]} elements, expected {expected}");
        int rank = content[6];
        offset = 8 + 8 * rank;
        if (content.Length < offset)
            throw new ModelArtifactException(path, "truncated header");
        var shape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var dim = BinaryPrimitives.ReadInt64LittleEndian(content[(8 + 8 * i)..]);
            if (dim < 0 || dim > int.MaxValue)
                throw new ModelArtifactException(path, $"invalid dimension {dim}");
            shape[i] = (int)dim;
        }
        return shape;
    }
}
