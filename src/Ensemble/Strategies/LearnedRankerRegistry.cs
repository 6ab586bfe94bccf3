using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Strategies;

/// <summary>Publishing and loading learned rankers as model-registry versions (kind <see cref="LearnedRanker.KindName"/>).</summary>
public static class LearnedRankerRegistry
{
    /// <summary>
    /// Writes <paramref name="ranker"/> as the next version of <paramref name="name"/>. The manifest's counts are
    /// the training groups (users) and rows (candidates); items is 0, as a ranker has no item space of its own.
    /// </summary>
    public static ModelManifest PublishRanker(this ModelRegistry registry, string name, LearnedRanker ranker, string dataFingerprint,
        IReadOnlyDictionary<string, double>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(ranker);
        return registry.PublishArtifact(name, LearnedRanker.KindName, ranker.Parameters,
            (ranker.TrainingGroups, 0, ranker.TrainingRows), ranker.Save, dataFingerprint, metrics);
    }

    /// <summary>Loads a ranker version (the latest when <paramref name="version"/> is null).</summary>
    public static (ModelManifest Manifest, LearnedRanker Ranker) LoadRanker(this ModelRegistry registry, string name, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var (manifest, reader) = registry.OpenArtifact(name, version);
        if (!string.Equals(manifest.Kind, LearnedRanker.KindName, StringComparison.Ordinal))
            throw new ModelArtifactException(Path.Combine(reader.DirectoryPath, ModelManifest.FileName),
                $"'{name}' version {manifest.Version} is a {manifest.Kind} model, not a {LearnedRanker.KindName}");
        return (manifest, LearnedRanker.Load(reader, manifest.Parameters));
    }
}
