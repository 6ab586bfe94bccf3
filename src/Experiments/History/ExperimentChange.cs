namespace Recommender.Experiments.History;

/// <summary>One change of an experiment's configuration, for the audit trail.</summary>
/// <param name="ExperimentId">The experiment (feature flag name).</param>
/// <param name="Version">The configuration version (ETag) the change produced.</param>
/// <param name="ChangedBy">Who made it (the caller's identity, or the file watcher for edits on disk).</param>
/// <param name="ChangedAt">When.</param>
/// <param name="Before">The experiment's JSON before the change; null when it was created.</param>
/// <param name="After">The experiment's JSON after the change; null when it was deleted.</param>
public sealed record ExperimentChange(
    string ExperimentId,
    string Version,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string? Before,
    string? After);
