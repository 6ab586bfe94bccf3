namespace Recommender.Experiments.Storage;

/// <summary>A row of schema_migrations.</summary>
/// <param name="Version">The number the script's file name starts with.</param>
/// <param name="Name">The rest of the file name.</param>
/// <param name="Checksum">SHA-256 of the script as applied; a script edited after being applied is refused at start.</param>
public sealed record AppliedMigration(int Version, string Name, string Checksum);
