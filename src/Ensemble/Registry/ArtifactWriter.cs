using System.Security.Cryptography;

namespace Recommender.Ensemble.Registry;

/// <summary>
/// Writes a model's tensors into a version folder and remembers each file's SHA-256, which the manifest records
/// so that <see cref="ArtifactReader"/> can tell a corrupt file from a good one.
/// </summary>
public sealed class ArtifactWriter
{
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);

    public ArtifactWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        DirectoryPath = directory;
    }

    public string DirectoryPath { get; }

    /// <summary>File name → SHA-256 (hex) of everything written so far.</summary>
    public IReadOnlyDictionary<string, string> Hashes => _hashes;

    public void WriteFloats(string name, ReadOnlySpan<float> data, params ReadOnlySpan<int> shape)
    {
        using (var stream = Create(name))
            TensorFile.Write(stream, TensorFile.ElementType.Float32, data, ToLongs(shape, data.Length));
        RecordHash(name);
    }

    public void WriteInts(string name, ReadOnlySpan<int> data, params ReadOnlySpan<int> shape)
    {
        using (var stream = Create(name))
            TensorFile.Write(stream, TensorFile.ElementType.Int32, data, ToLongs(shape, data.Length));
        RecordHash(name);
    }

    public void WriteLongs(string name, ReadOnlySpan<long> data, params ReadOnlySpan<int> shape)
    {
        using (var stream = Create(name))
            TensorFile.Write(stream, TensorFile.ElementType.Int64, data, ToLongs(shape, data.Length));
        RecordHash(name);
    }

    public void WriteStrings(string name, IReadOnlyList<string> values)
    {
        using (var stream = Create(name))
            TensorFile.WriteStrings(stream, values);
        RecordHash(name);
    }

    private string PathOf(string name) => Path.Combine(DirectoryPath, name + TensorFile.Extension);

    private FileStream Create(string name) =>
        new(PathOf(name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

    private void RecordHash(string name)
    {
        using var read = File.OpenRead(PathOf(name));
        _hashes[name + TensorFile.Extension] = Convert.ToHexStringLower(SHA256.HashData(read));
    }

    private static long[] ToLongs(ReadOnlySpan<int> shape, int length)
    {
        if (shape.IsEmpty)
            return [length];
        long product = 1;
        var result = new long[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            result[i] = shape[i];
            product *= shape[i];
        }
        if (product != length)
            throw new ArgumentException($"Shape [{string.Join(", ", result)}] does not hold {length} elements.", nameof(shape));
        return result;
    }
}
