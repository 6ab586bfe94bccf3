namespace Recommender.Api.Apis;

/// <summary>An edit of experiments.json that did not take effect: when it was seen and every reason (JSON path: message).</summary>
public sealed record RefusedEdit(DateTimeOffset At, IReadOnlyList<string> Errors);
