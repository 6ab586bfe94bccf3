using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Recommender.Api.Hosting;
using Recommender.Api.Serving;

namespace Recommender.Api.Apis;

/// <summary>Admin view of the loaded model versions.</summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", GetModels)
            .WithTags("Models")
            .WithName("GetModels")
            .WithSummary("Loaded model versions: kind, data fingerprint, metrics, which version is latest, and where each scores.");
        return app;
    }

    private static Results<Ok<ModelsResponse>, ProblemHttpResult> GetModels(ModelStore store, IOptions<ScoringSettings> scoring)
    {
        if (store.Serving is not { } serving)
            return RequestValidation.NotReady();
        var models = serving.Models.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new ModelInfo(
            m.Key,
            m.Value.Latest.Version,
            m.Value.ByVersion.Values.OrderBy(v => v.Version.Length).ThenBy(v => v.Version, StringComparer.Ordinal).Select(v => new ModelVersionInfo(
                v.Version, v.Manifest.Kind, v.Manifest.DataFingerprint, v.Manifest.Created, v.Manifest.Users, v.Manifest.Items,
                v.Manifest.Interactions, v.Manifest.Metrics, ModelScoring.Of(v, scoring.Value))).ToArray())).ToArray();
        return TypedResults.Ok(new ModelsResponse(store.IsReady, serving.Dataset.Name, models));
    }
}

/// <summary>Answer of GET /v1/models.</summary>
public sealed record ModelsResponse(bool Ready, string Dataset, IReadOnlyList<ModelInfo> Models);

public sealed record ModelInfo(string Name, string LatestVersion, IReadOnlyList<ModelVersionInfo> Versions);

/// <param name="Scoring">Where and how this version scores: device used and asked for, precision, why they differ, micro-batching.</param>
public sealed record ModelVersionInfo(string Version, string Kind, string DataFingerprint, DateTimeOffset Created, int Users, int Items,
    int Interactions, IReadOnlyDictionary<string, double> Metrics, ModelScoring Scoring)
{
    /// <summary>The device this version scores on: cpu, onnx-cpu or cuda (<see cref="Scoring"/> says why).</summary>
    public string ScoringDevice => Scoring.Device;
}
