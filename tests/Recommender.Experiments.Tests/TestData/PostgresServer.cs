using System.Diagnostics;
using Npgsql;

namespace Recommender.Experiments.Tests.TestData;

/// <summary>
/// The PostgreSQL server tests run against, started by scripts/postgres.sh (which prints the variables read here).
/// Without RECOMMENDER_TEST_POSTGRES a test is skipped with the reason, except under CI=true, where it fails.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionVariable = "RECOMMENDER_TEST_POSTGRES";
    public const string DirectoryVariable = "RECOMMENDER_TEST_POSTGRES_DIR";

    public static string RequireConnectionString() =>
        Require(ConnectionVariable, "no PostgreSQL server configured");

    /// <summary>The cluster folder of scripts/postgres.sh, needed to stop and start the server.</summary>
    public static string RequireClusterDirectory() =>
        Require(DirectoryVariable, "the PostgreSQL cluster folder is unknown, so the server cannot be stopped and started");

    /// <summary>Stops the server (the cluster is kept); connections fail until <see cref="StartAsync"/>.</summary>
    public static Task StopAsync(CancellationToken cancellationToken) => RunScriptAsync("down", cancellationToken);

    public static Task StartAsync(CancellationToken cancellationToken) => RunScriptAsync("up", cancellationToken);

    private static string Require(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        var reason = $"{what}: {variable} is not set; run eval \"$(scripts/postgres.sh start)\" first.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason);
        Assert.Skip(reason);
        return null!;
    }

    private static async Task RunScriptAsync(string command, CancellationToken cancellationToken)
    {
        var directory = RequireClusterDirectory();
        var start = new ProcessStartInfo("bash", [FindScript(), command, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"postgres.sh {command} failed ({process.ExitCode}): {await output}{await errors}");
        // Pooled plain connections (the schema helper's) point at the old server process and would fail once each.
        NpgsqlConnection.ClearAllPools();
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres.sh");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException("scripts/postgres.sh not found above the test binaries.");
    }
}
