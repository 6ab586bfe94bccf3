namespace Recommender.Ensemble.Data.Csv;

/// <summary>
/// The one place a malformed row goes: it fails the load, or, when skipping was asked for, it is counted (with
/// the first few kept as examples) so that nothing is ever dropped silently.
/// </summary>
internal sealed class RowRejections(string file, bool skip)
{
    private readonly List<DataFormatException> _examples = [];
    private int _count;

    public void Reject(int line, string reason)
    {
        var error = new DataFormatException(file, line, reason);
        if (!skip)
            throw error;
        _count++;
        if (_examples.Count < SkippedRows.MaxExamples)
            _examples.Add(error);
    }

    public SkippedRows ToReport() => new(file, _count, _examples.ToArray());
}
