using System.Text.Json.Serialization;

namespace Recommender.Ensemble.Models;

/// <summary>
/// How SAR turns item co-occurrence counts c_ij (users who interacted with both) into similarity; d_i = c_ii is
/// item i's user count. Written by name in manifests.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SimilarityType>))]
public enum SimilarityType
{
    /// <summary>c_ij / (d_i + d_j − c_ij): a compromise between predictability and discovery.</summary>
    Jaccard,

    /// <summary>c_ij / (d_i · d_j): favours rarer items liked by a small group.</summary>
    Lift,

    /// <summary>c_ij itself: favours popular items.</summary>
    Cooccurrence,
}
