using System.ComponentModel.DataAnnotations;

namespace Recommender.Api.Hosting;

/// <summary>Where the service finds its data and models, bound from the "Recommender" configuration section.</summary>
public sealed class RecommenderOptions
{
    public const string SectionName = "Recommender";

    /// <summary>Data folder: MovieLens 100K or the generic CSV trio (docs/data-format.md).</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>Model registry root.</summary>
    [Required]
    public string ModelsPath { get; set; } = "models";

    /// <summary>Model presets served (see ModelPresets); each is loaded from the registry or trained at start.</summary>
    [MinLength(1)]
    public string[] Models { get; set; } = ["popularity", "sar", "als", "ease", "content"];

    /// <summary>The model that answers GET /v1/items/{itemId}/similar.</summary>
    [Required]
    public string SimilarItemsModel { get; set; } = "sar";
}
