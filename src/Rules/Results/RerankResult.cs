namespace Recommender.Rules;

/// <summary>What applying a workflow to a ranked candidate list produced.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Version">The version (content hash) of the workflow that ran.</param>
/// <param name="Items">The top list, best first, at most k long.</param>
/// <param name="Evaluated">How many candidates came in.</param>
/// <param name="Filtered">How many of them a filter dropped.</param>
/// <param name="HeldBackByDiversity">How many survivors a diversity cap kept out of the top list.</param>
public sealed record RerankResult(
    string Workflow,
    string Version,
    IReadOnlyList<RerankedItem> Items,
    int Evaluated,
    int Filtered,
    int HeldBackByDiversity);
