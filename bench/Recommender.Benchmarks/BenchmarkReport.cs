using System.Diagnostics;
using System.Text.Json;

namespace Recommender.Benchmarks;

/// <summary>Memory figures and the one-line JSON summary every suite prints last.</summary>
internal static class BenchmarkReport
{
    private const double Megabyte = 1024.0 * 1024.0;

    /// <summary>Current and peak resident set (the peak is the kernel's high-water mark, VmHWM on Linux), in MB.</summary>
    public static (double WorkingSetMB, double PeakWorkingSetMB) Memory()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (Math.Round(process.WorkingSet64 / Megabyte, 1), Math.Round(process.PeakWorkingSet64 / Megabyte, 1));
    }

    /// <summary>CPU time used by the whole process so far, all threads together.</summary>
    public static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static void WriteJsonLine<T>(T summary) => Console.WriteLine(JsonSerializer.Serialize(summary, JsonSerializerOptions.Web));
}
