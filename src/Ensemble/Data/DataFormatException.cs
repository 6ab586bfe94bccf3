namespace Recommender.Ensemble.Data;

/// <summary>A data file that cannot be read as its format says: names the file, the 1-based line and the reason.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string file, int line, string reason)
        : base($"{file}:{line}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public DataFormatException() { File = ""; Reason = ""; }
    public DataFormatException(string message) : base(message) { File = ""; Reason = message; }
    public DataFormatException(string message, Exception inner) : base(message, inner) { File = ""; Reason = message; }

    public string File { get; }
    public int Line { get; }
    public string Reason { get; }
}
