using Npgsql;

namespace Recommender.Experiments.Tests.TestData;

/// <summary>
/// A fresh schema on the test server for one test, so tests running in parallel never see each other's rows;
/// dropped afterwards. <see cref="ConnectionString"/> puts it first on the search path, where the store creates
/// its tables.
/// </summary>
public sealed class PostgresSchema : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private PostgresSchema(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresSchema> CreateAsync(CancellationToken cancellationToken)
    {
        var server = PostgresServer.RequireConnectionString();
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name };
        return new PostgresSchema(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The server may be down after a failed fault test; the cluster is thrown away anyway.
        }
    }
}
