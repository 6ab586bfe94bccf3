namespace Recommender.Rules;

/// <summary>What one scan of the rules folder changed.</summary>
/// <param name="Loaded">Workflows compiled and swapped in (new or changed files).</param>
/// <param name="Removed">Workflows whose file disappeared; they are no longer served.</param>
/// <param name="Refused">Files refused in this scan; their previous versions keep serving.</param>
/// <param name="At">When the scan finished.</param>
public sealed record RulesReloadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Removed,
    IReadOnlyList<WorkflowRefusal> Refused,
    DateTimeOffset At);
