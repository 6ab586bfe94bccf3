using System.Text.Json;
using Recommender.Experiments.Storage;

namespace Recommender.Experiments.Exposures;

/// <summary>Reads a sealed spool segment in batches, in file order.</summary>
internal sealed class SpoolSegmentReader : IDisposable
{
    private readonly StreamReader _reader;
    private long _lineNumber;

    public SpoolSegmentReader(string path)
    {
        Path = path;
        _reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024));
    }

    public string Path { get; }

    /// <summary>
    /// Up to <paramref name="maxRecords"/> exposures. <paramref name="lines"/> counts every line consumed,
    /// including <paramref name="unreadable"/> ones: a line cut short when a previous process died mid-append
    /// (never fsync'd, so never reported written), which cannot be parsed and is skipped.
    /// </summary>
    public List<Exposure> ReadBatch(int maxRecords, out int lines, List<string> unreadable)
    {
        var batch = new List<Exposure>(maxRecords);
        lines = 0;
        while (batch.Count < maxRecords && _reader.ReadLine() is { } line)
        {
            lines++;
            _lineNumber++;
            if (line.Length == 0)
                continue;
            try
            {
                var exposure = JsonSerializer.Deserialize(line, StoreJson.Default.Exposure);
                if (exposure is not null)
                    batch.Add(exposure);
            }
            catch (JsonException e)
            {
                unreadable.Add($"{Path}:{_lineNumber}: {e.Message}");
            }
        }
        return batch;
    }

    public void Dispose() => _reader.Dispose();
}
