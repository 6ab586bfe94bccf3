using System.ComponentModel.DataAnnotations;
using Recommender.Experiments.Exposures;

namespace Recommender.Api.Experiments;

/// <summary>
/// The exposure log's configuration, bound from "Recommender:Exposures". Every setting is optional: an unset one
/// keeps <see cref="ExposureLogOptions"/>' default, so the defaults live in one place.
/// </summary>
public sealed class ExposureLogSettings
{
    public const string SectionName = "Recommender:Exposures";

    /// <summary>
    /// Folder of the local spool where exposures wait while the database cannot take them (kept across restarts).
    /// Default: "exposure-spool" beside Recommender:ExperimentsDatabase, i.e. in the app's data folder.
    /// </summary>
    public string? SpoolPath { get; set; }

    [Range(1, 10_000_000)]
    public int? QueueCapacity { get; set; }

    [Range(1, 100_000)]
    public int? BatchSize { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan? MaxBatchDelay { get; set; }

    [Range(0, 100)]
    public int? MaxRetryAttempts { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan? RetryBaseDelay { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan? RetryMaxDelay { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan? RecoveryProbeInterval { get; set; }

    [Range(4_096L, 1L << 40)]
    public long? SpoolSegmentBytes { get; set; }

    /// <summary>The spool folder in force: <see cref="SpoolPath"/>, or the default beside the experiments database.</summary>
    public string ResolveSpoolPath(string experimentsDatabase) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(SpoolPath)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(experimentsDatabase)) ?? ".", "exposure-spool")
            : SpoolPath);

    public ExposureLogOptions ToOptions(string experimentsDatabase)
    {
        var options = new ExposureLogOptions(ResolveSpoolPath(experimentsDatabase));
        if (QueueCapacity is { } queueCapacity)
            options = options with { QueueCapacity = queueCapacity };
        if (BatchSize is { } batchSize)
            options = options with { BatchSize = batchSize };
        if (MaxBatchDelay is { } maxBatchDelay)
            options = options with { MaxBatchDelay = maxBatchDelay };
        if (MaxRetryAttempts is { } maxRetryAttempts)
            options = options with { MaxRetryAttempts = maxRetryAttempts };
        if (RetryBaseDelay is { } retryBaseDelay)
            options = options with { RetryBaseDelay = retryBaseDelay };
        if (RetryMaxDelay is { } retryMaxDelay)
            options = options with { RetryMaxDelay = retryMaxDelay };
        if (RecoveryProbeInterval is { } recoveryProbeInterval)
            options = options with { RecoveryProbeInterval = recoveryProbeInterval };
        if (SpoolSegmentBytes is { } spoolSegmentBytes)
            options = options with { SpoolSegmentBytes = spoolSegmentBytes };
        return options;
    }
}
