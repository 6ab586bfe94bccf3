namespace Recommender.Rules;

/// <summary>Apply was asked for a workflow that is not being served.</summary>
public sealed class UnknownWorkflowException : KeyNotFoundException
{
    public UnknownWorkflowException()
        : this("", [])
    {
    }

    public UnknownWorkflowException(string message)
        : base(message)
    {
        Workflow = "";
        Known = [];
    }

    public UnknownWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
        Workflow = "";
        Known = [];
    }

    public UnknownWorkflowException(string workflow, IReadOnlyList<string> known)
        : base($"No rules workflow named '{workflow}' is loaded; {(known.Count == 0 ? "no workflow is loaded" : "loaded: " + string.Join(", ", known))}.")
    {
        Workflow = workflow;
        Known = known;
    }

    /// <summary>The name that was asked for.</summary>
    public string Workflow { get; }

    /// <summary>The workflows being served when it was asked for.</summary>
    public IReadOnlyList<string> Known { get; }
}
