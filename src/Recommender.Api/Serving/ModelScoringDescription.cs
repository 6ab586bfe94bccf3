using Recommender.Ensemble.Models;

namespace Recommender.Api.Serving;

/// <summary>Where a model scores, for GET /v1/models.</summary>
internal static class ModelScoringDescription
{
    public static string ScoringDevice(this IRecommender model) => model switch
    {
        AlsRecommender or ContentRecommender => "cpu-simd (embedding top-K)",
        _ => "cpu (dense item-item scores)",
    };
}
