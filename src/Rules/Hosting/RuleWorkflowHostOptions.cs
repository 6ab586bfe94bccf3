namespace Recommender.Rules;

/// <summary>Where the rules host loads workflows from and how it watches them.</summary>
public sealed record RuleWorkflowHostOptions
{
    /// <param name="folder">The folder holding one workflow per <c>*.json</c> file (the service uses data/rules).</param>
    /// <param name="watchForChanges">Reload when files in the folder change.</param>
    /// <param name="debounce">How long the folder must stay quiet after a change before it is rescanned, so an
    /// editor's burst of writes compiles once; default 250 ms, at most one minute.</param>
    public RuleWorkflowHostOptions(string folder, bool watchForChanges = true, TimeSpan? debounce = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var quiet = debounce ?? TimeSpan.FromMilliseconds(250);
        if (quiet < TimeSpan.Zero || quiet > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(debounce), quiet, "The debounce must be between 0 and 1 minute.");
        Folder = Path.GetFullPath(folder);
        WatchForChanges = watchForChanges;
        Debounce = quiet;
    }

    public string Folder { get; }

    public bool WatchForChanges { get; }

    public TimeSpan Debounce { get; }
}
