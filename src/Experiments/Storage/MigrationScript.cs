using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Recommender.Experiments.Storage;

/// <summary>A numbered schema script embedded in this assembly (Storage/Migrations/&lt;dialect&gt;/NNNN_name.sql).</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    /// <summary>The dialect's scripts in version order.</summary>
    public static IReadOnlyList<MigrationScript> Load(string dialect)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"Migrations.{dialect}.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(script => script.Version)
            .ToList();
        var repeated = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new InvalidOperationException($"Two {dialect} migrations are numbered {repeated.Key}.");
        if (scripts.Count == 0)
            throw new InvalidOperationException($"No {dialect} migrations are embedded.");
        return scripts;
    }

    private static MigrationScript FromResource(Assembly assembly, string resource, string fileName)
    {
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), out var version) || version <= 0)
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource {resource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new MigrationScript(version, fileName[(separator + 1)..], sql, checksum);
    }
}
