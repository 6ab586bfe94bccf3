namespace Recommender.Rules;

/// <summary>A workflow file that was refused: the previous version of the workflow, if any, keeps serving.</summary>
/// <param name="File">The file, relative to the rules folder.</param>
/// <param name="Workflow">The workflow name the file stands for (its name without .json).</param>
/// <param name="Rule">The rule at fault, or null when the fault is the file's (bad JSON, wrong name...).</param>
/// <param name="Reason">Why, for a person.</param>
/// <param name="At">When the refusal happened.</param>
public sealed record WorkflowRefusal(string File, string Workflow, string? Rule, string Reason, DateTimeOffset At);
