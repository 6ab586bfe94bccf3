using System.CommandLine;
using Recommender.Api.Hosting;

namespace Recommender.Api.Cli;

/// <summary>`serve` (also what runs with no verb): the HTTP service on a data folder.</summary>
internal static class ServeCommand
{
    public static readonly Option<string?> Data = new("--data") { Description = "Data folder to serve (MovieLens 100K or the CSV trio); default: configuration Recommender:DataPath (data/)." };
    public static readonly Option<string?> Models = new("--models") { Description = "Model registry folder; default: configuration Recommender:ModelsPath (models/)." };
    public static readonly Option<string?> Urls = new("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080." };

    public static Command Create()
    {
        var command = new Command("serve", "Run the HTTP service (the default when no verb is given).");
        Configure(command);
        return command;
    }

    /// <summary>Adds the serve options and action to <paramref name="command"/> (the root command shares them).</summary>
    public static void Configure(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Models);
        command.Options.Add(Urls);
        // Anything else (--environment, --Logging:LogLevel:Default=...) is host configuration.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(Data) is { } data)
                overrides[$"{RecommenderOptions.SectionName}:{nameof(RecommenderOptions.DataPath)}"] = data;
            if (parseResult.GetValue(Models) is { } models)
                overrides[$"{RecommenderOptions.SectionName}:{nameof(RecommenderOptions.ModelsPath)}"] = models;
            if (parseResult.GetValue(Urls) is { } urls)
                overrides["urls"] = urls;
            var app = RecommenderApp.Build([.. parseResult.UnmatchedTokens], overrides);
            await app.RunAsync(cancellationToken);
            return 0;
        });
    }
}
