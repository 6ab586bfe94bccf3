using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Registry;

/// <summary>How to create a model of one kind from parameters, and how to load a saved one.</summary>
public sealed record ModelKind(
    string Name,
    Func<JsonElement?, IRecommender> Create,
    Func<ArtifactReader, InteractionMatrix, JsonElement, IRecommender> Load);
