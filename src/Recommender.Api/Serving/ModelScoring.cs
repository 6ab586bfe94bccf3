using Recommender.Api.Hosting;
using Recommender.Ensemble.Models;

namespace Recommender.Api.Serving;

/// <summary>
/// Where and how a model version scores, for GET /v1/models and the <c>recommender.scoring.device</c> metric.
/// Embedding models report their scorer's placement: the device asked for, the one used, the precision and why
/// they differ (e.g. "cuda unavailable: …"); the other models score dense item vectors on the CPU.
/// </summary>
/// <param name="Device">cpu, onnx-cpu or cuda.</param>
/// <param name="Method">embedding top-k, dense item-item scores, autoencoder forward pass, or popularity list.</param>
/// <param name="Requested">The configured Scoring:Device (embedding models only).</param>
/// <param name="Precision">fp32 or int8 (embedding models only).</param>
/// <param name="Reason">Why Device or Precision differs from what was asked; null when as asked.</param>
/// <param name="MicroBatching">Whether concurrent requests are gathered into batched scoring calls.</param>
public sealed record ModelScoring(string Device, string Method, string? Requested, string? Precision, string? Reason, bool MicroBatching)
{
    public const string EmbeddingMethod = "embedding top-k";

    public static ModelScoring Of(LoadedModel model, ScoringSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        return model.Model switch
        {
            IEmbeddingRecommender embedding => new ModelScoring(embedding.Placement.Device, EmbeddingMethod, embedding.Placement.Requested,
                embedding.Placement.Precision, embedding.Placement.Reason, settings.MicroBatches(embedding.Interactions.ItemCount)),
            PopularityRecommender => new ModelScoring("cpu", "popularity list", null, null, null, MicroBatching: false),
            MultVaeRecommender => new ModelScoring("cpu", "autoencoder forward pass", null, null, null, MicroBatching: false),
            _ => new ModelScoring("cpu", "dense item-item scores", null, null, null, MicroBatching: false),
        };
    }
}
