using System.Text.Json;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// A trained LambdaMART ranker over <see cref="RankingFeatureLayout"/> features of the candidates of named sources.
/// Immutable and thread-safe. Persisted in the model registry as kind <see cref="KindName"/>: the trees as tensors,
/// the sources, feature names and training settings as the manifest's parameters (see <see cref="LearnedRankerRegistry"/>).
/// </summary>
public sealed class LearnedRanker
{
    public const string KindName = "ranker";
    private const string TreesPrefix = "ranker";

    internal LearnedRanker(RankingFeatureLayout layout, BoostedTrees trees, LearnedRankerOptions training, int trainingGroups, int trainingRows)
    {
        if (trees.FeatureCount != layout.Count)
            throw new ArgumentException($"The trees expect {trees.FeatureCount} features, the layout has {layout.Count}.", nameof(trees));
        Layout = layout;
        Trees = trees;
        Training = training;
        TrainingGroups = trainingGroups;
        TrainingRows = trainingRows;
    }

    public RankingFeatureLayout Layout { get; }

    public IReadOnlyList<string> Sources => Layout.Sources;

    public LearnedRankerOptions Training { get; }

    /// <summary>Users (query groups) the ranker was trained on.</summary>
    public int TrainingGroups { get; }

    /// <summary>Candidate rows the ranker was trained on.</summary>
    public int TrainingRows { get; }

    public int TreeCount => Trees.TreeCount;

    internal BoostedTrees Trees { get; }

    public LearnedRankerParameters Parameters => new(Sources, Layout.Names, Training, TrainingGroups, TrainingRows);

    /// <summary>Scores each row of <paramref name="features"/> (row-major rows × <see cref="RankingFeatureLayout.Count"/>).</summary>
    public float[] Score(ReadOnlySpan<float> features)
    {
        var width = Layout.Count;
        if (features.Length % width != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of {width} features.", nameof(features));
        var scores = new float[features.Length / width];
        for (var row = 0; row < scores.Length; row++)
            scores[row] = (float)Trees.Score(features.Slice(row * width, width));
        return scores;
    }

    public void Save(ArtifactWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Trees.Save(writer, TreesPrefix);
    }

    /// <summary>Restores a ranker written by <see cref="Save"/> whose manifest recorded <paramref name="parameters"/>.</summary>
    public static LearnedRanker Load(ArtifactReader reader, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var manifestPath = Path.Combine(reader.DirectoryPath, ModelManifest.FileName);
        LearnedRankerParameters recorded;
        try
        {
            recorded = parameters.Deserialize<LearnedRankerParameters>(RegistryJson.Options)
                ?? throw new ModelArtifactException(manifestPath, "ranker parameters are null");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new ModelArtifactException(manifestPath, $"ranker parameters are invalid: {e.Message}");
        }
        if (recorded.Sources is null || recorded.Features is null || recorded.Training is null)
            throw new ModelArtifactException(manifestPath, "ranker parameters lack sources, features or training settings");
        RankingFeatureLayout layout;
        try
        {
            layout = new RankingFeatureLayout(recorded.Sources);
        }
        catch (ArgumentException e)
        {
            throw new ModelArtifactException(manifestPath, $"ranker sources are invalid: {e.Message}");
        }
        if (!layout.Names.SequenceEqual(recorded.Features, StringComparer.Ordinal))
            throw new ModelArtifactException(manifestPath,
                $"the ranker was trained on features [{string.Join(", ", recorded.Features)}], this version computes [{string.Join(", ", layout.Names)}]");
        var trees = BoostedTrees.Load(reader, TreesPrefix, layout.Count);
        return new LearnedRanker(layout, trees, recorded.Training, recorded.TrainingGroups, recorded.TrainingRows);
    }
}
