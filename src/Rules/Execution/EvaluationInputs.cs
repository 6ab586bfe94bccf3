namespace Recommender.Rules.Execution;

/// <summary>What one evaluation of a workflow reads: the request's user and context, the candidate list, and the
/// reusable <see cref="RuleCandidate"/> view expressions see as <c>candidate</c>.</summary>
internal readonly record struct EvaluationInputs(
    RuleUser User, RuleContext Context, IReadOnlyList<RankedCandidate> Candidates, RuleCandidate View);
