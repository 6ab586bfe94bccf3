using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Recommender.Benchmarks.Exposures;

/// <summary>HTTP load from wrk (apt-get install -y wrk): recommendation requests for the served data's users.</summary>
internal static partial class WrkLoad
{
    public static async Task<HttpPhase> RunAsync(string address, string script, int connections, int rate, TimeSpan duration)
    {
        if (rate > 0)
            throw new ArgumentException("--http-rate needs the in-process clients: wrk cannot pace.", nameof(rate));
        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s", "--latency", "-s", script, address])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk).");
        var report = await wrk.StandardOutput.ReadToEndAsync();
        var errors = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0 || report.Contains("Non-2xx", StringComparison.Ordinal) || !Requests().IsMatch(report))
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {report}{errors}");
        var requests = long.Parse(Requests().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        var perSecond = double.Parse(PerSecond().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        return new HttpPhase(requests, perSecond, Milliseconds(report, "50%"), Milliseconds(report, "99%"));
    }

    /// <summary>A wrk script posting recommendation requests (k = 10) for the first 2,000 users in turn.</summary>
    public static string Script(Recommender.Ensemble.Data.IdMap users)
    {
        var ids = string.Join(",", Enumerable.Range(0, Math.Min(users.Count, 2_000)).Select(u => "'" + JsonSerializer.Serialize(users[u]) + "'"));
        return "local users = { " + ids + " }\n" +
            "local counter = 0\n" +
            "request = function()\n" +
            "  counter = counter + 1\n" +
            "  local body = '{\"userId\":' .. users[(counter % #users) + 1] .. ',\"k\":10}'\n" +
            "  return wrk.format(\"POST\", \"/v1/recommendations\", { [\"Content-Type\"] = \"application/json\" }, body)\n" +
            "end\n";
    }

    private static double Milliseconds(string report, string percentile)
    {
        var match = Regex.Match(report, $@"{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\b", RegexOptions.CultureInvariant);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"(\d+) requests in", RegexOptions.CultureInvariant)]
    private static partial Regex Requests();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex PerSecond();
}
