using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Recommender.Experiments.Storage;

/// <summary>
/// Tells a failure that retrying cannot fix (the data itself is refused) from one that may pass (the database
/// is down, busy, slow). Retrying the first kind forever would block the spool behind one bad record.
/// </summary>
internal static class StoreFailures
{
    public static bool IsPermanent(Exception exception) => exception switch
    {
        // 22 data exception, 23 integrity violation, 54 program limit (e.g. a key too large for its index).
        PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("23", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("54", StringComparison.Ordinal),
        // SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE.
        SqliteException sqlite => sqlite.SqliteErrorCode is 18 or 19 or 20 or 25,
        // Serialising the record failed.
        JsonException or ArgumentException or NotSupportedException => true,
        _ => false,
    };
}
