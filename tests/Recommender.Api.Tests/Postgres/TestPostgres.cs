using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

[assembly: AssemblyFixture(typeof(Recommender.Api.Tests.Postgres.TestPostgres))]

namespace Recommender.Api.Tests.Postgres;

/// <summary>
/// A PostgreSQL cluster of this test assembly's own, started by scripts/postgres.sh on first use and deleted at
/// the end. Own, because the fault tests stop it, and the store tests of another test project stop the shared
/// server (RECOMMENDER_TEST_POSTGRES) while test projects run in parallel. Like those tests, these need
/// RECOMMENDER_TEST_POSTGRES to be set as the sign that PostgreSQL may be used here: without it they skip with
/// the reason, except under CI=true, where they fail.
/// </summary>
public sealed partial class TestPostgres : IAsyncDisposable
{
    public const string ConnectionVariable = "RECOMMENDER_TEST_POSTGRES";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _clusterDirectory;
    private string? _serverConnectionString;

    /// <summary>A fresh schema on the cluster: its connection string puts it first on the search path.</summary>
    public async Task<string> CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var server = await ServerAsync(cancellationToken);
        var name = $"api_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString;
    }

    /// <summary>Stops the server, keeping the cluster: connections fail until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await ServerAsync(cancellationToken);
        await RunScriptAsync(["down", _clusterDirectory!], cancellationToken);
    }

    /// <summary>Starts the stopped server again on the same port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ServerAsync(cancellationToken);
        await RunScriptAsync(["up", _clusterDirectory!], cancellationToken);
    }

    /// <summary>The server's connection string; starts the cluster on first use, or skips when PostgreSQL is not to be used.</summary>
    public async Task<string> ServerAsync(CancellationToken cancellationToken)
    {
        Require();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_serverConnectionString is null)
            {
                var exports = await RunScriptAsync(["start"], cancellationToken);
                _serverConnectionString = Export(exports, "RECOMMENDER_TEST_POSTGRES");
                _clusterDirectory = Export(exports, "RECOMMENDER_TEST_POSTGRES_DIR");
            }
            return _serverConnectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_clusterDirectory is not null)
            await RunScriptAsync(["stop", _clusterDirectory], CancellationToken.None);
        _gate.Dispose();
    }

    /// <summary>Whether PostgreSQL may be used here (RECOMMENDER_TEST_POSTGRES is set).</summary>
    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionVariable));

    /// <summary>Skips the calling test without PostgreSQL (fails it under CI=true).</summary>
    public static void Require()
    {
        if (IsConfigured)
            return;
        var reason = $"no PostgreSQL: {ConnectionVariable} is not set; run eval \"$(scripts/postgres.sh start)\" first (scripts/test.sh does).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason);
        Assert.Skip(reason);
    }

    private static string Export(string exports, string name)
    {
        var match = Regex.Match(exports, $"export {name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"postgres.sh printed no {name}: {exports}");
    }

    private static async Task<string> RunScriptAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RunningService.RepositoryRoot(), "scripts", "postgres.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"postgres.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
        // Pooled connections of other data sources point at the old server process and would fail once each.
        NpgsqlConnection.ClearAllPools();
        return await output;
    }
}
