namespace Recommender.Experiments.Exposures;

/// <summary>How the exposure log queues, batches, retries and spills. Validated when the log is created.</summary>
public sealed record ExposureLogOptions
{
    public ExposureLogOptions(string spoolDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolDirectory);
        SpoolDirectory = spoolDirectory;
    }

    /// <summary>
    /// Folder of the local spool (one per process: it is locked while the log is open). Exposures the database
    /// could not take wait there, across restarts, until they are replayed.
    /// </summary>
    public string SpoolDirectory { get; }

    /// <summary>Exposures held in memory; beyond it the request path appends to the spool instead.</summary>
    public int QueueCapacity { get; init => field = Positive(value); } = 100_000;

    /// <summary>Most exposures written in one transaction.</summary>
    public int BatchSize { get; init => field = Positive(value); } = 5_000;

    /// <summary>
    /// How long a batch that is not full waits for more exposures. Large transactions are what make logging cheap:
    /// each commit rewrites every index page it touched, so on SQLite an exposure costs 24.7 CPU-µs at 60 per commit
    /// and 15.2 at 5,000 (bench/README.md, `exposures --sqlite`, 50,000 users; fewer distinct users gain more).
    /// Half a second lets a busy service fill its batches; exposures are for analysis, where half a second of delay
    /// goes unnoticed, and a drain (<see cref="ExposureLog.DrainAsync"/>) or a stop does not wait for it.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; init => field = NotNegative(value); } = TimeSpan.FromMilliseconds(500);

    /// <summary>Retries of a failed batch before it is spilled to the spool (0: spill at the first failure).</summary>
    public int MaxRetryAttempts { get; init => field = NotNegative(value); } = 3;

    /// <summary>First retry delay; it doubles at each attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init => field = Positive(value); } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; init => field = Positive(value); } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While the database is failing, batches go straight to the spool; this often, one write is tried to learn
    /// whether it is back (then the spool is replayed).
    /// </summary>
    public TimeSpan RecoveryProbeInterval { get; init => field = Positive(value); } = TimeSpan.FromSeconds(1);

    /// <summary>Size at which a spool file is closed and a new one started (replayed files are deleted whole).</summary>
    public long SpoolSegmentBytes { get; init => field = Positive(value); } = 16L * 1024 * 1024;

    private static T Positive<T>(T value) where T : System.Numerics.INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }

    private static int NotNegative(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }

    private static TimeSpan Positive(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        return value;
    }

    private static TimeSpan NotNegative(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return value;
    }
}
