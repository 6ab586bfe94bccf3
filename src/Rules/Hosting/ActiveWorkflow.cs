namespace Recommender.Rules;

/// <summary>A workflow being served.</summary>
/// <param name="Name">Its name (= its file name without .json); variants refer to it by this name.</param>
/// <param name="File">The file it was loaded from, relative to the rules folder.</param>
/// <param name="Version">The first 16 hex digits of the SHA-256 of the file's bytes.</param>
/// <param name="LoadedAt">When this version was compiled and swapped in.</param>
/// <param name="LastRuntimeError">The latest exception an expression threw on a candidate, if any.</param>
public sealed record ActiveWorkflow(
    string Name,
    string? Description,
    string File,
    string Version,
    DateTimeOffset LoadedAt,
    IReadOnlyList<ActiveRule> Rules,
    RuleRuntimeError? LastRuntimeError);
