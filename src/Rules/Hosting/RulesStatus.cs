namespace Recommender.Rules;

/// <summary>What the rules host serves and what it refused (the body of <c>GET /v1/rules</c>).</summary>
/// <param name="Folder">The folder the workflows are loaded from.</param>
/// <param name="Active">The workflows being served, by name.</param>
/// <param name="LastRefusal">The most recent refusal, even if the file has been fixed since.</param>
/// <param name="Refused">The files whose current content is refused (empty once they are fixed).</param>
/// <param name="LastReloadAt">When the folder was last scanned.</param>
public sealed record RulesStatus(
    string Folder,
    IReadOnlyList<ActiveWorkflow> Active,
    WorkflowRefusal? LastRefusal,
    IReadOnlyList<WorkflowRefusal> Refused,
    DateTimeOffset LastReloadAt);
