namespace Recommender.Api.Apis;

/// <summary>
/// The experiments configuration in force, its version (also the ETag header), and the last edit of experiments.json
/// that was refused — with every reason — if the latest edit did not take effect.
/// </summary>
public sealed record ExperimentsResponse(
    string Version,
    string File,
    IReadOnlyDictionary<string, string> Placements,
    IReadOnlyList<ExperimentResponse> Experiments,
    RefusedEdit? LastRefusal);
