using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Registry;

/// <summary>
/// Model versions on disk: <c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;/</c> with manifest.json, the interaction
/// matrix the model was fitted on, and the model's own tensors. A version is written into a hidden temporary
/// folder and renamed into place, so readers see either nothing or a complete version; versions are numbered
/// 1, 2, … and several live side by side.
/// </summary>
public sealed class ModelRegistry
{
    private const string TempPrefix = ".incoming-";
    private readonly ModelKindCatalog _kinds;

    public ModelRegistry(string root, ModelKindCatalog kinds)
    {
        Root = root;
        _kinds = kinds;
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="model"/> as the next version of <paramref name="name"/> and returns its manifest.</summary>
    public ModelManifest Publish(string name, IRecommender model, string dataFingerprint, IReadOnlyDictionary<string, double>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var interactions = model.Interactions;
        return PublishArtifact(name, model.Kind, model.Parameters, (interactions.UserCount, interactions.ItemCount, interactions.NonZeroCount),
            writer =>
            {
                InteractionMatrixArtifacts.Write(writer, interactions);
                model.Save(writer);
            },
            dataFingerprint, metrics);
    }

    /// <summary>
    /// Writes any artifact that is not a recommender (e.g. a learned ranker) as the next version of
    /// <paramref name="name"/>: <paramref name="write"/> writes its files through the <see cref="ArtifactWriter"/>
    /// (so each is checksummed in the manifest), and <paramref name="size"/> fills the manifest's counts (what the
    /// artifact was trained on). Read it back with <see cref="OpenArtifact"/>.
    /// </summary>
    public ModelManifest PublishArtifact(string name, string kind, object parameters, (int Users, int Items, int Interactions) size,
        Action<ArtifactWriter> write, string dataFingerprint, IReadOnlyDictionary<string, double>? metrics = null)
    {
        ValidateName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(write);
        var modelFolder = Path.Combine(Root, name);
        Directory.CreateDirectory(modelFolder);
        var staging = Path.Combine(modelFolder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var writer = new ArtifactWriter(staging);
            write(writer);
            while (true)
            {
                var version = (LatestVersionNumber(modelFolder) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var manifest = new ModelManifest(
                    ModelManifest.CurrentFormatVersion, name, version, kind, RegistryJson.ToElement(parameters),
                    dataFingerprint, size.Users, size.Items, size.Interactions,
                    metrics ?? new Dictionary<string, double>(), DateTimeOffset.UtcNow, writer.Hashes);
                File.WriteAllText(Path.Combine(staging, ModelManifest.FileName), JsonSerializer.Serialize(manifest, RegistryJson.Options));
                try
                {
                    // The rename is the publish: atomic on one file system, and it fails if a concurrent
                    // publisher took this number first, in which case the next number is tried.
                    Directory.Move(staging, Path.Combine(modelFolder, version));
                    return manifest;
                }
                catch (IOException) when (Directory.Exists(Path.Combine(modelFolder, version)))
                {
                }
            }
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Model names that have at least one version.</summary>
    public IReadOnlyList<string> ModelNames() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith('.') && Versions(n).Count > 0).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Manifests of every complete version of <paramref name="name"/>, oldest first.</summary>
    public IReadOnlyList<ModelManifest> Versions(string name)
    {
        var folder = Path.Combine(Root, name);
        if (!Directory.Exists(folder))
            return [];
        return VersionNumbers(folder).Select(v => ReadManifest(Path.Combine(folder, v.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
    }

    /// <summary>Loads a version (the latest when <paramref name="version"/> is null).</summary>
    public (ModelManifest Manifest, IRecommender Model) Load(string name, string? version = null)
    {
        var (manifest, reader) = OpenArtifact(name, version);
        if (!_kinds.TryGet(manifest.Kind, out var kind))
            throw new ModelArtifactException(Path.Combine(reader.DirectoryPath, ModelManifest.FileName), $"unknown model kind '{manifest.Kind}'");
        var interactions = InteractionMatrixArtifacts.Read(reader);
        return (manifest, kind.Load(reader, interactions, manifest.Parameters));
    }

    /// <summary>
    /// The manifest of a version (the latest when <paramref name="version"/> is null) and a reader that checks its
    /// files against the manifest's checksums; for artifacts written by <see cref="PublishArtifact"/>.
    /// </summary>
    public (ModelManifest Manifest, ArtifactReader Reader) OpenArtifact(string name, string? version = null)
    {
        ValidateName(name);
        var modelFolder = Path.Combine(Root, name);
        if (version is null)
        {
            var latest = LatestVersionNumber(modelFolder);
            if (latest == 0)
                throw new ModelArtifactException(modelFolder, $"no version of model '{name}' in the registry");
            version = latest.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var folder = Path.Combine(modelFolder, version);
        if (!Directory.Exists(folder))
            throw new ModelArtifactException(folder, $"model '{name}' has no version '{version}'");
        var manifest = ReadManifest(folder);
        return (manifest, new ArtifactReader(folder, manifest.Files));
    }

    /// <summary>The latest version of <paramref name="name"/> trained on data with this fingerprint, if any.</summary>
    public ModelManifest? FindLatest(string name, string dataFingerprint) =>
        Versions(name).LastOrDefault(m => string.Equals(m.DataFingerprint, dataFingerprint, StringComparison.Ordinal));

    private static ModelManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ModelManifest.FileName);
        if (!File.Exists(path))
            throw new ModelArtifactException(path, "file is missing");
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), RegistryJson.Options);
        }
        catch (JsonException e)
        {
            throw new ModelArtifactException(path, $"not a valid manifest: {e.Message}");
        }
        if (manifest is null || manifest.Files is null || manifest.Kind is null)
            throw new ModelArtifactException(path, "not a valid manifest: kind or files missing");
        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
            throw new ModelArtifactException(path, $"format version {manifest.FormatVersion} is not supported (expected {ModelManifest.CurrentFormatVersion})");
        return manifest;
    }

    private static IEnumerable<int> VersionNumbers(string modelFolder) =>
        Directory.EnumerateDirectories(modelFolder)
            .Select(Path.GetFileName)
            .Select(n => int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)
            .Order();

    private static int LatestVersionNumber(string modelFolder) =>
        Directory.Exists(modelFolder) ? VersionNumbers(modelFolder).DefaultIfEmpty(0).Max() : 0;

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('.') || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/'))
            throw new ArgumentException($"'{name}' is not a valid model name.", nameof(name));
    }
}
