using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Recommender.Api.Experiments;

/// <summary>
/// The experiments configuration in force. Loads experiments.json at start (an invalid file fails the start),
/// then reloads it whenever the file changes: a valid edit takes effect atomically, an invalid one is refused
/// with its reasons (logged and kept in <see cref="LastRefusal"/>) while the last good configuration keeps serving.
/// </summary>
public sealed class ExperimentsConfigStore : IDisposable
{
    private readonly string _path;
    private readonly Func<ExperimentsConfig, IReadOnlyList<string>> _validate;
    private readonly ILogger<ExperimentsConfigStore> _logger;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable _watch;
    private readonly Lock _reloadLock = new();
    private ExperimentsConfig _current;

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
    public ConfigRefusal? LastRefusal { get; private set; }

    /// <summary>Re-reads the file now; returns the errors (empty when the new configuration took effect).</summary>
    public IReadOnlyList<string> Reload()
    {
        lock (_reloadLock)
        {
            var (config, errors) = TryLoad();
            if (config is null)
            {
                LastRefusal = new ConfigRefusal(DateTimeOffset.UtcNow, errors);
                _logger.LogError("Refused the edit of {Path}; the previous configuration keeps serving: {Errors}", _path, string.Join("; ", errors));
                return errors;
            }
            if (config.Version != Current.Version)
                _logger.LogInformation("Experiments configuration {Version} loaded from {Path}", config.Version, _path);
            Volatile.Write(ref _current, config);
            LastRefusal = null;
            return [];
        }
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
        var (config, errors) = ExperimentsConfigParser.Parse(json);
        if (config is null)
            return (null, errors);
        var semantic = _validate(config);
        return semantic.Count > 0 ? (null, semantic) : (config, []);
    }

    public void Dispose()
    {
        _watch.Dispose();
        _files.Dispose();
    }
}

/// <summary>An experiments.json edit that did not take effect, and why.</summary>
public sealed record ConfigRefusal(DateTimeOffset At, IReadOnlyList<string> Errors);
