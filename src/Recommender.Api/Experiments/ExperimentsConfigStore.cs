using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Recommender.Api.Experiments;

/// <summary>
/// The experiments configuration in force. Loads experiments.json at start (an invalid file fails the start),
/// then reloads it whenever the file changes: a valid edit takes effect atomically, an invalid one is refused
/// with its reasons (logged and kept in <see cref="LastRefusal"/>) while the last good configuration keeps serving.
/// Admin edits go through <see cref="TryReplace"/>, which validates before it writes, so the file never holds
/// an edit the API refused and the API never serves what the file does not say.
/// </summary>
public sealed class ExperimentsConfigStore : IDisposable
{
    /// <summary>Who <see cref="Changed"/> names for edits made to the file by hand.</summary>
    public const string FileEditor = "file";

    private readonly string _path;
    private readonly Func<ExperimentsConfig, IReadOnlyList<string>> _validate;
    private readonly ILogger<ExperimentsConfigStore> _logger;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable _watch;
    private readonly Lock _reloadLock = new();
    private ExperimentsConfig _current;
    private ConfigRefusal? _lastRefusal;

    /// <param name="validate">Checks that need the running service (models, strategies, rule workflows exist).</param>
    public ExperimentsConfigStore(string path, Func<ExperimentsConfig, IReadOnlyList<string>> validate, ILogger<ExperimentsConfigStore> logger)
    {
        _path = Path.GetFullPath(path);
        _validate = validate;
        _logger = logger;
        if (!File.Exists(_path))
            throw new FileNotFoundException($"Experiments file '{_path}' does not exist.", _path);
        var (config, errors) = TryLoad();
        _current = config ?? throw new InvalidDataException($"{_path} is invalid: {string.Join("; ", errors)}");
        _files = new PhysicalFileProvider(Path.GetDirectoryName(_path)!) { UsePollingFileWatcher = false };
        _watch = ChangeToken.OnChange(() => _files.Watch(Path.GetFileName(_path)), () => Reload());
    }

    public string FilePath => _path;

    public ExperimentsConfig Current => Volatile.Read(ref _current);

    /// <summary>The last edit refused, with every reason; null when the latest edit was accepted.</summary>
    public ConfigRefusal? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>
    /// Raised (under the reload lock, so in order) after a new configuration took effect, with who made the edit:
    /// the caller of <see cref="TryReplace"/>, or <see cref="FileEditor"/> for an edit on disk.
    /// </summary>
    public event EventHandler<ConfigChange>? Changed;

    /// <summary>Re-reads the file now; returns the errors (empty when the new configuration took effect).</summary>
    public IReadOnlyList<string> Reload()
    {
        lock (_reloadLock)
        {
            var (config, errors) = TryLoad();
            if (config is null)
            {
                Volatile.Write(ref _lastRefusal, new ConfigRefusal(DateTimeOffset.UtcNow, errors));
                _logger.LogError("Refused the edit of {Path}; the previous configuration keeps serving: {Errors}", _path, string.Join("; ", errors));
                return errors;
            }
            Apply(config, FileEditor);
            return [];
        }
    }

    /// <summary>Parses and validates <paramref name="json"/> as a whole experiments.json, without applying it.</summary>
    public (ExperimentsConfig? Config, IReadOnlyList<string> Errors) Check(string json)
    {
        var (config, errors) = ExperimentsConfigParser.Parse(json);
        if (config is null)
            return (null, errors);
        var semantic = _validate(config);
        return semantic.Count > 0 ? (null, semantic) : (config, []);
    }

    /// <summary>
    /// Replaces the file with <paramref name="json"/> if it is valid: written to a temporary file in the same folder
    /// and renamed over experiments.json (atomic on one file system), then served at once. An invalid text changes
    /// nothing, on disk or in memory. The file watcher's own reload of the rename finds nothing new to apply.
    /// </summary>
    public (ExperimentsConfig? Config, IReadOnlyList<string> Errors) TryReplace(string json, string changedBy)
    {
        lock (_reloadLock)
        {
            var (config, errors) = Check(json);
            if (config is null)
                return (null, errors);
            AtomicFile.WriteAllText(_path, json);
            Apply(config, changedBy);
            return (config, []);
        }
    }

    private void Apply(ExperimentsConfig config, string changedBy)
    {
        var previous = Current;
        Volatile.Write(ref _lastRefusal, null);
        if (config.Version == previous.Version)
            return;
        Volatile.Write(ref _current, config);
        _logger.LogInformation("Experiments configuration {Version} loaded from {Path} (edited by {Editor})", config.Version, _path, changedBy);
        Changed?.Invoke(this, new ConfigChange(previous, config, changedBy));
    }

    private (ExperimentsConfig? Config, IReadOnlyList<string> Errors) TryLoad()
    {
        string json;
        try
        {
            json = File.ReadAllText(_path);
        }
        catch (IOException e)
        {
            return (null, [$"cannot read the file: {e.Message}"]);
        }
        return Check(json);
    }

    public void Dispose()
    {
        _watch.Dispose();
        _files.Dispose();
    }
}

/// <summary>An experiments.json edit that did not take effect, and why.</summary>
public sealed record ConfigRefusal(DateTimeOffset At, IReadOnlyList<string> Errors);
