namespace Recommender.Rules.Definitions;

/// <summary>A workflow file that must not be served, with the rule at fault (null when the fault is the file's).</summary>
internal sealed class WorkflowRefusedException : Exception
{
    public WorkflowRefusedException(string? rule, string reason, Exception? inner = null)
        : base(rule is null ? reason : $"rule '{rule}': {reason}", inner)
    {
        Rule = rule;
        Reason = reason;
    }

    public string? Rule { get; }

    public string Reason { get; }
}
