using Recommender.Experiments.Exposures;

namespace Recommender.Experiments.Storage;

/// <summary>An exposures row as Dapper reads it; the time's encoding depends on the dialect.</summary>
internal sealed class ExposureRow<TTime>
{
    public string RequestId { get; set; } = "";
    public TTime ExposedAt { get; set; } = default!;
    public string UserId { get; set; } = "";
    public string Experiment { get; set; } = "";
    public string Variant { get; set; } = "";
    public string ConfigVersion { get; set; } = "";
    public string ModelVersions { get; set; } = "{}";
    public string Strategy { get; set; } = "";
    public string Items { get; set; } = "[]";

    public Exposure ToExposure(DateTimeOffset time) => new(
        RequestId, time, UserId, Experiment, Variant, ConfigVersion,
        StoreJson.ParseModelVersions(ModelVersions), Strategy, StoreJson.ParseItems(Items));
}
