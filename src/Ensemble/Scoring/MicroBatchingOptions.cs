namespace Recommender.Ensemble.Scoring;

/// <summary>
/// How <see cref="MicroBatchingScorer"/> gathers concurrent queries: a batch is scored once it holds
/// <see cref="MaxBatchSize"/> queries or its oldest query has waited <see cref="Delay"/>, whichever comes first.
/// A zero delay turns micro-batching off: every query is scored on its caller's thread, as if undecorated.
/// </summary>
public sealed record MicroBatchingOptions
{
    /// <summary>The default delay: a few hundred microseconds, small against one scan of a large catalog.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMicroseconds(300);

    public const int DefaultMaxBatchSize = 64;

    private readonly TimeSpan _delay = DefaultDelay;
    private readonly int _maxBatchSize = DefaultMaxBatchSize;

    public static MicroBatchingOptions Off { get; } = new() { Delay = TimeSpan.Zero };

    /// <summary>The longest the oldest query of a batch waits for company; zero for off.</summary>
    public TimeSpan Delay
    {
        get => _delay;
        init => _delay = value >= TimeSpan.Zero && value <= TimeSpan.FromSeconds(60)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Delay), value, "Use 0 (off) up to 60 seconds.");
    }

    /// <summary>The most queries one batched scoring call takes.</summary>
    public int MaxBatchSize
    {
        get => _maxBatchSize;
        init => _maxBatchSize = value is >= 1 and <= 4096
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), value, "Use 1 up to 4096.");
    }

    public bool Enabled => Delay > TimeSpan.Zero;
}
