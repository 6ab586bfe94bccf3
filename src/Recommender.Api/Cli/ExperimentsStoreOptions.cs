using System.CommandLine;
using Recommender.Api.Experiments;
using Recommender.Api.Hosting;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Cli;

/// <summary>
/// Where the experiment verbs (report, import-outcomes) find the experiments and their store: the service's own
/// configuration (appsettings.json next to the binary, appsettings.{environment}.json, environment variables such as
/// ConnectionStrings__Experiments), so that a verb reads what the running service writes; options override it.
/// </summary>
internal sealed class ExperimentsStoreOptions
{
    private readonly Option<string?> _experiments = new("--experiments") { Description = "experiments.json; default: configuration Recommender:ExperimentsPath (experiments.json)." };
    private readonly Option<string?> _database = new("--database") { Description = "SQLite experiments database; default: configuration Recommender:ExperimentsDatabase (data/experiments.db)." };
    private readonly Option<string?> _postgres = new("--postgres") { Description = $"PostgreSQL connection string; default: configuration ConnectionStrings:{ExperimentStoreHost.ConnectionStringName} (none: SQLite)." };

    public void AddTo(Command command, bool withExperiments)
    {
        if (withExperiments)
            command.Options.Add(_experiments);
        command.Options.Add(_database);
        command.Options.Add(_postgres);
    }

    /// <summary>The experiments file in force (parsed, not checked against served models: the verbs read, they do not serve).</summary>
    public ExperimentsConfig LoadExperiments(ParseResult parseResult)
    {
        var path = parseResult.GetValue(_experiments) ?? Settings().ExperimentsPath;
        if (!File.Exists(path))
            throw new FileNotFoundException($"Experiments file '{Path.GetFullPath(path)}' does not exist.", path);
        var (config, errors) = ExperimentsConfigParser.Parse(File.ReadAllText(path));
        return config ?? throw new InvalidDataException($"{Path.GetFullPath(path)} is invalid: {string.Join("; ", errors)}");
    }

    /// <summary>The store options, and where they point (for messages).</summary>
    public (ExperimentStoreOptions Options, string Location) StoreOptions(ParseResult parseResult)
    {
        var configuration = Configuration();
        var postgres = parseResult.GetValue(_postgres) ?? configuration.GetConnectionString(ExperimentStoreHost.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(postgres))
            return (new ExperimentStoreOptions { PostgresConnectionString = postgres }, "PostgreSQL");
        var sqlite = parseResult.GetValue(_database) ?? Settings(configuration).ExperimentsDatabase;
        return (new ExperimentStoreOptions { SqlitePath = sqlite }, Path.GetFullPath(sqlite));
    }

    private static RecommenderOptions Settings(IConfiguration? configuration = null) =>
        (configuration ?? Configuration()).GetSection(RecommenderOptions.SectionName).Get<RecommenderOptions>() ?? new RecommenderOptions();

    private static IConfiguration Configuration()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
