using System.Security.Cryptography;

namespace Recommender.Ensemble.Registry;

/// <summary>
/// Reads tensors written by <see cref="ArtifactWriter"/>, checking each file against the SHA-256 the manifest
/// recorded. Every failure is a <see cref="ModelArtifactException"/> naming the file.
/// </summary>
public sealed class ArtifactReader
{
    private readonly IReadOnlyDictionary<string, string> _expectedHashes;

    public ArtifactReader(string directory, IReadOnlyDictionary<string, string> expectedHashes)
    {
        DirectoryPath = directory;
        _expectedHashes = expectedHashes;
    }

    public string DirectoryPath { get; }

    public float[] ReadFloats(string name, out int[] shape) => Read<float>(name, TensorFile.ElementType.Float32, out shape);

    public float[] ReadFloats(string name) => ReadFloats(name, out _);

    public int[] ReadInts(string name, out int[] shape) => Read<int>(name, TensorFile.ElementType.Int32, out shape);

    public int[] ReadInts(string name) => ReadInts(name, out _);

    public long[] ReadLongs(string name) => Read<long>(name, TensorFile.ElementType.Int64, out _);

    public string[] ReadStrings(string name)
    {
        var (path, bytes) = Load(name);
        return TensorFile.ReadStrings(path, bytes);
    }

    private T[] Read<T>(string name, TensorFile.ElementType type, out int[] shape) where T : unmanaged
    {
        var (path, bytes) = Load(name);
        var (data, readShape) = TensorFile.Read<T>(path, bytes, type);
        shape = readShape;
        return data;
    }

    private (string Path, byte[] Bytes) Load(string name)
    {
        var fileName = name + TensorFile.Extension;
        var path = Path.Combine(DirectoryPath, fileName);
        if (!File.Exists(path))
            throw new ModelArtifactException(path, "file is missing");
        var bytes = File.ReadAllBytes(path);
        if (!_expectedHashes.TryGetValue(fileName, out var expected))
            throw new ModelArtifactException(path, "file is not listed in manifest.json");
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
            throw new ModelArtifactException(path, $"checksum mismatch (manifest {expected[..12]}…, file {actual[..12]}…): the file is corrupt");
        return (path, bytes);
    }
}
