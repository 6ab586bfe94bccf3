using Recommender.Ensemble.Data;
using Recommender.Ensemble.Data.Synthetic;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Tests.Registry;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "registry-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<Dataset> _dataset;

    public ModelRegistryTests()
    {
        _dataset = new Lazy<Dataset>(() =>
        {
            var folder = Path.Combine(_root, "data");
            new SyntheticGenerator(new SyntheticOptions(Users: 300, Items: 200, Interactions: 6_000, Seed: 7)).WriteTo(folder);
            return DatasetLoader.Load(folder).Dataset;
        });
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private ModelRegistry NewRegistry() => new(Path.Combine(_root, "models"), ModelPresets.Kinds);

    public static TheoryData<string> Presets() => [.. ModelPresets.Names];

    [Theory]
    [MemberData(nameof(Presets))]
    public void Loaded_version_recommends_exactly_what_the_saved_model_did(string preset)
    {
        var dataset = _dataset.Value;
        var model = ModelPresets.Create(preset);
        model.Fit(new TrainingData(dataset.Interactions, dataset.Catalog), TestContext.Current.CancellationToken);
        var registry = NewRegistry();

        var manifest = registry.Publish(preset, model, dataset.Fingerprint(), new Dictionary<string, double> { ["ndcg@10"] = 0.5 });
        var (loadedManifest, loaded) = registry.Load(preset);

        Assert.Equal("1", manifest.Version);
        Assert.Equal(model.Kind, loadedManifest.Kind);
        Assert.Equal(0.5, loadedManifest.Metrics["ndcg@10"]);
        Assert.Equal(model.Interactions.Users.Ids, loaded.Interactions.Users.Ids);
        Assert.Equal(model.Interactions.Items.Ids, loaded.Interactions.Items.Ids);
        for (var user = 0; user < model.Interactions.UserCount; user += 17)
            Assert.Equal(model.Recommend(user, 10), loaded.Recommend(user, 10));
        for (var item = 0; item < model.Interactions.ItemCount; item += 23)
            Assert.Equal(model.SimilarItems(item, 5), loaded.SimilarItems(item, 5));
        int[] history = [0, 3, 5];
        Assert.Equal(model.RecommendFromItems(history, [], 10), loaded.RecommendFromItems(history, [], 10));
    }

    [Fact]
    public void Versions_accumulate_and_find_latest_matches_the_data_fingerprint()
    {
        var dataset = _dataset.Value;
        var model = ModelPresets.Create("popularity");
        model.Fit(new TrainingData(dataset.Interactions), TestContext.Current.CancellationToken);
        var registry = NewRegistry();

        registry.Publish("popularity", model, "fingerprint-a");
        registry.Publish("popularity", model, "fingerprint-b");
        registry.Publish("popularity", model, "fingerprint-a");

        Assert.Equal(["1", "2", "3"], registry.Versions("popularity").Select(m => m.Version));
        Assert.Equal("3", registry.FindLatest("popularity", "fingerprint-a")!.Version);
        Assert.Equal("2", registry.FindLatest("popularity", "fingerprint-b")!.Version);
        Assert.Null(registry.FindLatest("popularity", "fingerprint-c"));
        Assert.Equal(["popularity"], registry.ModelNames());
    }

    [Fact]
    public void Corrupt_tensor_file_is_named_in_the_error()
    {
        var folder = PublishSar(out var registry);
        var tensor = Directory.GetFiles(folder, "*.tensor").First(f => !Path.GetFileName(f).StartsWith("interactions.", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(tensor);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(tensor, bytes);

        var error = Assert.Throws<ModelArtifactException>(() => registry.Load("sar"));

        Assert.Equal(tensor, error.Path);
        Assert.Contains("checksum", error.Reason);
    }

    [Fact]
    public void Missing_tensor_file_is_named_in_the_error()
    {
        var folder = PublishSar(out var registry);
        var tensor = Path.Combine(folder, "interactions.columns.tensor");
        File.Delete(tensor);

        var error = Assert.Throws<ModelArtifactException>(() => registry.Load("sar"));

        Assert.Equal(tensor, error.Path);
        Assert.Contains("missing", error.Reason);
    }

    [Fact]
    public void Missing_or_garbled_manifest_is_named_in_the_error()
    {
        var folder = PublishSar(out var registry);
        var manifest = Path.Combine(folder, ModelManifest.FileName);
        File.WriteAllText(manifest, "{ not json");

        var garbled = Assert.Throws<ModelArtifactException>(() => registry.Load("sar"));
        File.Delete(manifest);
        var missing = Assert.Throws<ModelArtifactException>(() => registry.Load("sar", "1"));

        Assert.Equal(manifest, garbled.Path);
        Assert.Contains("not a valid manifest", garbled.Reason);
        Assert.Equal(manifest, missing.Path);
    }

    [Fact]
    public void Unknown_model_or_version_is_a_clear_error()
    {
        var registry = NewRegistry();

        var noModel = Assert.Throws<ModelArtifactException>(() => registry.Load("als"));

        Assert.Contains("no version of model 'als'", noModel.Message);
    }

    private string PublishSar(out ModelRegistry registry)
    {
        var dataset = _dataset.Value;
        var model = ModelPresets.Create("sar");
        model.Fit(new TrainingData(dataset.Interactions, dataset.Catalog), TestContext.Current.CancellationToken);
        registry = NewRegistry();
        var manifest = registry.Publish("sar", model, dataset.Fingerprint());
        return Path.Combine(registry.Root, "sar", manifest.Version);
    }
}
