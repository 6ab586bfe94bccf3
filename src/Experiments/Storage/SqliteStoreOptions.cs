namespace Recommender.Experiments.Storage;

/// <summary>Where and how the embedded SQLite store lives.</summary>
public sealed record SqliteStoreOptions
{
    public SqliteStoreOptions(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The database file; its folder is created when missing.</summary>
    public string Path { get; }

    /// <summary>
    /// How long a write waits for another connection's lock before failing (whole seconds, at least 1: the
    /// provider's resolution). Failing lets the exposure log fall back to its spool instead of hanging.
    /// </summary>
    public TimeSpan BusyTimeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromSeconds(1));
            field = value;
        }
    } = TimeSpan.FromSeconds(5);
}
