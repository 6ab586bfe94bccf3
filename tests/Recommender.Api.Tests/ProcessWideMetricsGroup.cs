namespace Recommender.Api.Tests;

/// <summary>
/// Tests that read GET /metrics run alone: OpenTelemetry subscribes to meters by name, process-wide, so the
/// instruments of other test hosts alive in the same process would be exported (or win a duplicate name) too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsGroup
{
    public const string Name = "process-wide metrics";
}
