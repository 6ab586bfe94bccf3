using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Recommender.Experiments.Storage;

/// <summary>
/// Brings a database to the latest schema: in one transaction, creates schema_migrations if needed, applies
/// every script not yet recorded there in version order, and records it. Running it again changes nothing.
/// A recorded script whose text changed since, or a recorded version this build does not know, stops the start:
/// both mean the database and the code disagree about the schema.
/// </summary>
internal static class MigrationRunner
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer NOT NULL PRIMARY KEY,
            name       text    NOT NULL,
            checksum   text    NOT NULL,
            applied_at text    NOT NULL
        )
        """;

    /// <param name="lockStatement">Run first in the transaction to serialise concurrent starts (PostgreSQL);
    /// null where the transaction itself takes the write lock (SQLite's BEGIN IMMEDIATE).</param>
    /// <returns>The versions applied by this call.</returns>
    public static async Task<IReadOnlyList<int>> ApplyAsync(
        DbConnection connection,
        IReadOnlyList<MigrationScript> scripts,
        string? lockStatement,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (lockStatement is not null)
            await Execute(lockStatement);
        await Execute(CreateTable);

        var recorded = (await connection.QueryAsync<(int Version, string Checksum)>(new CommandDefinition(
                "SELECT version, checksum FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Version, row => row.Checksum);

        var known = scripts.Select(s => s.Version).ToHashSet();
        var unknown = recorded.Keys.Where(v => !known.Contains(v)).Order().ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"The database has schema migrations {string.Join(", ", unknown)} that this build does not know: it was migrated by a newer version.");

        var applied = new List<int>();
        foreach (var script in scripts)
        {
            if (recorded.TryGetValue(script.Version, out var checksum))
            {
                if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                    throw new InvalidOperationException(
                        $"Schema migration {script.Version} ({script.Name}) was changed after it was applied; add a new migration instead.");
                continue;
            }
            await Execute(script.Sql);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                new
                {
                    script.Version,
                    script.Name,
                    script.Checksum,
                    AppliedAt = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                },
                transaction,
                cancellationToken: cancellationToken));
            applied.Add(script.Version);
        }
        await transaction.CommitAsync(cancellationToken);
        return applied;

        Task<int> Execute(string sql) =>
            connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
    }

    public static async Task<IReadOnlyList<AppliedMigration>> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(int Version, string Name, string Checksum)>(new CommandDefinition(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken));
        return rows.Select(r => new AppliedMigration(r.Version, r.Name, r.Checksum)).ToList();
    }
}
