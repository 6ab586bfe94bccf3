namespace Recommender.Experiments.Exposures;

/// <summary>
/// What one recommendation response showed, as logged for experiment analysis.
/// <see cref="RequestId"/> is the idempotency key: the store keeps the first exposure with a given id and
/// ignores later copies, which is what makes retries and spool replays safe.
/// </summary>
/// <param name="RequestId">The response's requestId; unique across the store.</param>
/// <param name="Time">When the response was served.</param>
/// <param name="UserId">The user the response was for.</param>
/// <param name="Experiment">The experiment (feature flag) that assigned the variant.</param>
/// <param name="Variant">The variant the user was assigned to.</param>
/// <param name="ConfigVersion">Version (ETag) of the experiments configuration that was in force.</param>
/// <param name="ModelVersions">Model name → version that produced candidates.</param>
/// <param name="Strategy">The ensemble strategy that combined the candidates.</param>
/// <param name="Items">The items shown, in display order.</param>
public sealed record Exposure(
    string RequestId,
    DateTimeOffset Time,
    string UserId,
    string Experiment,
    string Variant,
    string ConfigVersion,
    IReadOnlyDictionary<string, string> ModelVersions,
    string Strategy,
    IReadOnlyList<ExposedItem> Items);
