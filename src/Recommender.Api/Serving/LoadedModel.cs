using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;

namespace Recommender.Api.Serving;

/// <summary>A model version in memory, with the manifest that says which one it is.</summary>
public sealed record LoadedModel(ModelManifest Manifest, IRecommender Model)
{
    public string Name => Manifest.Name;
    public string Version => Manifest.Version;
}
