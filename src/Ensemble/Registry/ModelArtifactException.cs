namespace Recommender.Ensemble.Registry;

/// <summary>A model artifact that is missing, truncated, corrupt or of the wrong shape; names the file.</summary>
public sealed class ModelArtifactException : Exception
{
    public ModelArtifactException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    public ModelArtifactException() { Path = ""; Reason = ""; }
    public ModelArtifactException(string message) : base(message) { Path = ""; Reason = message; }
    public ModelArtifactException(string message, Exception inner) : base(message, inner) { Path = ""; Reason = message; }

    public string Path { get; }
    public string Reason { get; }
}
