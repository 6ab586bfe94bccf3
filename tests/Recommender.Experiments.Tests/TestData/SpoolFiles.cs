namespace Recommender.Experiments.Tests.TestData;

public static class SpoolFiles
{
    /// <summary>The spool's segment files still on disk (replayed segments are deleted).</summary>
    public static string[] Segments(string spoolDirectory) =>
        Directory.Exists(spoolDirectory) ? Directory.GetFiles(spoolDirectory, "exposures-*.jsonl") : [];
}
