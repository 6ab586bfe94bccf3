using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Recommender.Experiments.Storage;

namespace Recommender.Experiments.Exposures;

/// <summary>
/// The exposure log's local, append-only overflow: JSON lines in numbered segment files
/// (exposures-000000000001.jsonl, ...). Appends go to the newest (active) segment; replay reads the oldest
/// sealed segment and deletes it once every line is stored. A segment is sealed when it reaches its size limit
/// or when replay reaches it, so a file is never read while it is written. The folder is locked (spool.lock)
/// so two processes cannot share it. Thread-safe.
/// </summary>
internal sealed class ExposureSpool : IDisposable
{
    private const string SegmentPrefix = "exposures-";
    private const string SegmentExtension = ".jsonl";
    private const string RejectedFile = "rejected-exposures.jsonl";

    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly FileStream _lock;
    private readonly Lock _gate = new();
    private readonly Queue<string> _sealed = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private FileStream? _active;
    private string? _activePath;
    private long _nextSequence;
    private long _pendingRecords;
    private bool _dirty;
    private bool _disposed;

    private ExposureSpool(string directory, long segmentBytes, FileStream lockFile, IEnumerable<string> existing, long nextSequence, long pendingRecords)
    {
        _directory = directory;
        _segmentBytes = segmentBytes;
        _lock = lockFile;
        foreach (var segment in existing)
            _sealed.Enqueue(segment);
        _nextSequence = nextSequence;
        _pendingRecords = pendingRecords;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Records appended and not yet confirmed stored, including those left by a previous run.</summary>
    public long PendingRecords => Interlocked.Read(ref _pendingRecords);

    /// <summary>No segment holds records (read from the files, not from the count, which is only for metrics).</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
                return _sealed.Count == 0 && (_active is null || _active.Length == 0);
        }
    }

    public string Directory => _directory;

    /// <summary>Opens (creating) the spool folder, taking its lock; earlier segments are queued for replay.</summary>
    public static ExposureSpool Open(string directory, long segmentBytes)
    {
        var fullPath = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(fullPath);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(fullPath, "spool.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The exposure spool {fullPath} is in use by another exposure log.", e);
        }
        var segments = System.IO.Directory.EnumerateFiles(fullPath, SegmentPrefix + "*" + SegmentExtension)
            .Select(path => (Path: path, Sequence: SequenceOf(path)))
            .Where(s => s.Sequence > 0)
            .OrderBy(s => s.Sequence)
            .ToList();
        var pending = segments.Sum(s => CountLines(s.Path));
        var next = segments.Count == 0 ? 1 : segments[^1].Sequence + 1;
        return new ExposureSpool(fullPath, segmentBytes, lockFile, segments.Select(s => s.Path), next, pending);
    }

    /// <summary>
    /// Appends the exposures to the active segment. <paramref name="durable"/>: fsync before returning; otherwise
    /// the bytes reach the OS (they survive a process crash) and <see cref="Sync"/> makes them durable later.
    /// </summary>
    public void Append(IReadOnlyList<Exposure> exposures, bool durable)
    {
        if (exposures.Count == 0)
            return;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var stream = _active ??= OpenNextSegment();
            foreach (var exposure in exposures)
            {
                _buffer.ResetWrittenCount();
                _json.Reset();
                JsonSerializer.Serialize(_json, exposure, StoreJson.Default.Exposure);
                _json.Flush();
                _buffer.Write("\n"u8);
                stream.Write(_buffer.WrittenSpan);
            }
            stream.Flush(flushToDisk: durable);
            _dirty = !durable;
            Interlocked.Add(ref _pendingRecords, exposures.Count);
            if (stream.Length >= _segmentBytes)
                SealActive();
        }
    }

    /// <summary>Makes appends made without <c>durable</c> durable.</summary>
    public void Sync()
    {
        lock (_gate)
        {
            if (_dirty && _active is not null)
            {
                _active.Flush(flushToDisk: true);
                _dirty = false;
            }
        }
    }

    /// <summary>
    /// The oldest segment with records to replay, or null. When only the active segment has records it is sealed
    /// first, and later appends start a new segment.
    /// </summary>
    public string? OldestSegment()
    {
        lock (_gate)
        {
            if (_sealed.Count == 0 && _active is not null && _active.Length > 0)
                SealActive();
            return _sealed.TryPeek(out var oldest) ? oldest : null;
        }
    }

    /// <summary>Records of the oldest segment are stored (or rejected): they no longer count as pending.</summary>
    public void Confirm(int records) => Interlocked.Add(ref _pendingRecords, -records);

    /// <summary>Deletes the oldest segment, every record of which has been confirmed.</summary>
    public void Remove(string segment)
    {
        lock (_gate)
        {
            if (!_sealed.TryPeek(out var oldest) || oldest != segment)
                throw new InvalidOperationException($"{segment} is not the oldest spool segment.");
            File.Delete(segment);
            _sealed.Dequeue();
        }
    }

    /// <summary>Keeps exposures the database refuses for good beside the spool, for a person to inspect.</summary>
    public void Reject(Exposure exposure)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var file = new FileStream(Path.Combine(_directory, RejectedFile), FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(JsonSerializer.SerializeToUtf8Bytes(exposure, StoreJson.Default.Exposure));
            file.Write("\n"u8);
            file.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _active?.Flush(flushToDisk: true);
            _active?.Dispose();
            _json.Dispose();
            _lock.Dispose();
        }
    }

    private FileStream OpenNextSegment()
    {
        _activePath = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix}{_nextSequence++:D12}{SegmentExtension}"));
        return new FileStream(_activePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
    }

    private void SealActive()
    {
        if (_active is null)
            return;
        _active.Flush(flushToDisk: true);
        _active.Dispose();
        _dirty = false;
        _sealed.Enqueue(_activePath!);
        _active = null;
        _activePath = null;
    }

    private static long SequenceOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return long.TryParse(name.AsSpan(SegmentPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;
    }

    private static long CountLines(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        long lines = 0;
        int read;
        var last = (byte)'\n';
        while ((read = file.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        // A last line cut short by a crash has no newline but is still read (and skipped) by replay.
        return last == (byte)'\n' ? lines : lines + 1;
    }
}
