using System.Collections.Immutable;
using System.Security.Cryptography;
using Recommender.Rules.Compilation;
using Recommender.Rules.Definitions;
using Recommender.Rules.Execution;

namespace Recommender.Rules;

/// <summary>
/// Serves the business-rule workflows of a folder (one workflow per <c>*.json</c> file, see src/Rules/README.md).
/// Each file version is validated and compiled once; a file that does not compile, or whose expressions reach
/// outside the allowed types, is refused with the rule and the reason, and the previous version of its workflow
/// keeps serving. With watching on, edits are picked up after a quiet period and swapped in atomically: a request
/// sees either the old or the new version of a workflow, never a mix. Thread-safe.
/// </summary>
public sealed class RuleWorkflowHost : IDisposable
{
    private const string FilePattern = "*.json";

    private readonly RuleWorkflowHostOptions _options;
    private readonly TimeProvider _time;
    private readonly WorkflowCompiler _compiler = new();
    private readonly Lock _reloadGate = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer? _debounce;
    private volatile HostState _state;
    private bool _disposed;

    /// <summary>Loads every workflow of the folder now (refusals are reported in <see cref="Status"/>, they do not
    /// throw) and, if asked, starts watching it.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public RuleWorkflowHost(RuleWorkflowHostOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.Folder))
            throw new DirectoryNotFoundException($"The rules folder '{options.Folder}' does not exist.");
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _state = HostState.Empty(_time.GetUtcNow());

        if (options.WatchForChanges)
        {
            // Watch before the first scan so that no edit made during it is missed.
            _debounce = _time.CreateTimer(_ => ReloadAfterChange(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            // Every file, not just *.json: Kubernetes updates a mounted ConfigMap by swapping a "..data" symlink,
            // which no *.json event reports. A scan of an unchanged folder only re-hashes the files.
            _watcher = new FileSystemWatcher(options.Folder)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Deleted += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            // A lost event (internal buffer overflow) is recovered by rescanning everything.
            _watcher.Error += (_, _) => ScheduleReload();
            _watcher.EnableRaisingEvents = true;
        }
        try
        {
            ScanNow();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Raised after every scan of the folder but the initial one, on the thread that ran it (a timer thread
    /// for scans the watcher triggers, where an exception a handler throws is discarded).</summary>
    public event EventHandler<RulesReloadReport>? Reloaded;

    /// <summary>The names of the workflows being served.</summary>
    public IReadOnlyCollection<string> WorkflowNames => _state.Active.Keys.ToArray();

    /// <summary>What is served and what was refused (for <c>GET /v1/rules</c>).</summary>
    public RulesStatus Status
    {
        get
        {
            var state = _state;
            return new RulesStatus(
                _options.Folder,
                state.Active.Values.OrderBy(w => w.Name, StringComparer.Ordinal).Select(w => w.Describe()).ToArray(),
                state.LastRefusal,
                state.Files.Values.Select(f => f.Refusal).OfType<WorkflowRefusal>().OrderBy(r => r.File, StringComparer.Ordinal).ToArray(),
                state.ScannedAt);
        }
    }

    public bool HasWorkflow(string workflow) => _state.Active.ContainsKey(workflow);

    /// <summary>The compiled form of a served workflow (for tests that check it against RulesEngine itself).</summary>
    internal CompiledWorkflow? FindCompiled(string workflow) => _state.Active.GetValueOrDefault(workflow);

    /// <summary>
    /// Runs <paramref name="workflow"/> over a ranked candidate list: drops what the filters match, multiplies the
    /// scores of what boosts and buries match, re-sorts by the adjusted score (ties keep input order), then fills the
    /// top <paramref name="k"/> under the diversity caps. All candidates are evaluated in this one call against one
    /// version of the workflow.
    /// </summary>
    /// <param name="candidates">Best first; each candidate's position is its incoming rank.</param>
    /// <exception cref="UnknownWorkflowException">No workflow of that name is being served.</exception>
    public RerankResult Apply(string workflow, RuleUser user, RuleContext context, IReadOnlyList<RankedCandidate> candidates, int k)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var active = _state.Active;
        if (!active.TryGetValue(workflow, out var compiled))
            throw new UnknownWorkflowException(workflow, active.Keys.Order(StringComparer.Ordinal).ToArray());
        return compiled.Apply(user, context, candidates, k);
    }

    /// <summary>Rescans the folder now: compiles new and changed files, drops workflows whose file is gone.</summary>
    public RulesReloadReport Reload()
    {
        var report = ScanNow();
        Reloaded?.Invoke(this, report);
        return report;
    }

    public void Dispose()
    {
        lock (_reloadGate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private RulesReloadReport ScanNow()
    {
        lock (_reloadGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            (_state, var report) = Scan(_state);
            return report;
        }
    }

    private (HostState State, RulesReloadReport Report) Scan(HostState previous)
    {
        var active = previous.Active.ToBuilder();
        var files = ImmutableDictionary.CreateBuilder<string, FileState>(StringComparer.Ordinal);
        var lastRefusal = previous.LastRefusal;
        var loaded = new List<string>();
        var refused = new List<WorkflowRefusal>();

        foreach (var path in Directory.EnumerateFiles(_options.Folder, FilePattern).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var name = Path.GetFileNameWithoutExtension(path);
            byte[] bytes;
            try
            {
                bytes = ReadShared(path);
            }
            catch (IOException ex)
            {
                // Usually a file still being written: the write's own change event brings another scan.
                var unreadable = new WorkflowRefusal(file, name, null, $"cannot read the file: {ex.Message}", _time.GetUtcNow());
                refused.Add(unreadable);
                lastRefusal = unreadable;
                files[file] = new FileState("", unreadable);
                continue;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (previous.Files.TryGetValue(file, out var known) && known.Hash == hash)
            {
                files[file] = known;
                continue;
            }
            try
            {
                var compiled = _compiler.Compile(bytes, file, name, hash[..16], _time.GetUtcNow());
                active[name] = compiled;
                files[file] = new FileState(hash, null);
                loaded.Add(name);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever a file holds, it must not stop the other files from loading or the host from serving.
                var refusal = ex is WorkflowRefusedException refusedFile
                    ? new WorkflowRefusal(file, name, refusedFile.Rule, refusedFile.Reason, _time.GetUtcNow())
                    : new WorkflowRefusal(file, name, null, $"could not be compiled ({ex.GetType().Name}: {ex.Message})", _time.GetUtcNow());
                refused.Add(refusal);
                lastRefusal = refusal;
                files[file] = new FileState(hash, refusal);
            }
        }

        var removed = new List<string>();
        foreach (var file in previous.Files.Keys.Where(f => !files.ContainsKey(f)))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (active.Remove(name))
                removed.Add(name);
        }

        var at = _time.GetUtcNow();
        var state = new HostState(active.ToImmutable(), files.ToImmutable(), lastRefusal, at);
        return (state, new RulesReloadReport(loaded, removed, refused, at));
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private void ScheduleReload()
    {
        try
        {
            // Every change restarts the quiet period; the scan runs once the folder has been quiet for Debounce.
            _debounce?.Change(_options.Debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // An event that raced with Dispose: nothing left to reload.
        }
    }

    private void ReloadAfterChange()
    {
        RulesReloadReport report;
        try
        {
            report = ScanNow();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The folder itself went away or became unreadable: keep serving what is loaded and say why.
            var failure = new WorkflowRefusal(".", "", null, $"cannot scan the rules folder: {ex.Message}", _time.GetUtcNow());
            lock (_reloadGate)
                _state = _state with { LastRefusal = failure };
            report = new RulesReloadReport([], [], [failure], failure.At);
        }
        try
        {
            Reloaded?.Invoke(this, report);
        }
        catch (Exception)
        {
            // A throwing handler on a timer thread would take the whole service down; the scan itself succeeded.
        }
    }

    /// <summary>One consistent view: what is served, what each file's latest content gave, the latest refusal.</summary>
    private sealed record HostState(
        ImmutableDictionary<string, CompiledWorkflow> Active,
        ImmutableDictionary<string, FileState> Files,
        WorkflowRefusal? LastRefusal,
        DateTimeOffset ScannedAt)
    {
        public static HostState Empty(DateTimeOffset at) => new(
            ImmutableDictionary.Create<string, CompiledWorkflow>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, FileState>(StringComparer.Ordinal),
            null,
            at);
    }

    /// <summary>The hash of a file's latest content and, when that content was refused, why.</summary>
    private sealed record FileState(string Hash, WorkflowRefusal? Refusal);
}
