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

    /// <summary>
    /// Comma-separated model presets served (see ModelPresets); each is loaded from the registry or trained at
    /// start. A string rather than an array so that one override replaces the whole list.
    /// </summary>
    [Required]
    public string Models { get; set; } = "popularity,sar,als,ease,content";

    public IReadOnlyList<string> ModelNames =>
        Models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>experiments.json: placements, experiments and their variants' policies.</summary>
    [Required]
    public string ExperimentsPath { get; set; } = "experiments.json";

    /// <summary>Folder of business-rule workflows (one JSON file each).</summary>
    [Required]
    public string RulesPath { get; set; } = "data/rules";

    /// <summary>
    /// The embedded SQLite experiments database (exposures, outcomes, configuration history), used when no
    /// PostgreSQL connection string <c>ConnectionStrings:Experiments</c> is configured.
    /// </summary>
    [Required]
    public string ExperimentsDatabase { get; set; } = "data/experiments.db";

    /// <summary>The model that answers GET /v1/items/{itemId}/similar.</summary>
    [Required]
    public string SimilarItemsModel { get; set; } = "sar";
}
