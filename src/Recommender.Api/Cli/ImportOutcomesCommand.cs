using System.CommandLine;
using System.Text.Json;
using Recommender.Experiments.Storage;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// `import-outcomes`: loads an analytics-store CSV export of outcome events (docs/outcomes-csv.md) into the
/// experiments store, with the validation POST /v1/outcomes applies, and prints accepted / duplicate / rejected
/// counts with the rejected lines.
/// </summary>
internal static class ImportOutcomesCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var file = new Option<string>("--file", "-f") { Description = "The CSV file (header: eventId,type,userId,itemId,requestId,timestamp,value).", Required = true };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Store the valid records and list the invalid ones (default: a file with an invalid record is not imported at all)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Events per store transaction.", DefaultValueFactory = _ => 5000 };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON on the last line of stdout." };
        var store = new ExperimentsStoreOptions();
        var command = new Command("import-outcomes", "Import outcome events from a CSV export (idempotent by eventId).")
        {
            file, skipInvalid, batchSize, json,
        };
        store.AddTo(command, withExperiments: false);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var jsonOut = parseResult.GetValue(json);
            var console = CliConsole.Human(jsonOut);
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path))
                throw new FileNotFoundException($"Outcomes file '{Path.GetFullPath(path)}' does not exist.", path);
            if (parseResult.GetValue(batchSize) < 1)
            {
                console.MarkupLine("[red]--batch-size must be at least 1.[/]");
                return 2;
            }

            var (storeOptions, location) = store.StoreOptions(parseResult);
            await using var opened = await ExperimentStore.OpenAsync(storeOptions, cancellationToken: cancellationToken);
            var importer = new OutcomeImporter(opened, parseResult.GetValue(batchSize));
            OutcomeImportSummary summary = null!;
            await console.Progress().StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {Path.GetFileName(path)} into {location}", maxValue: 1.0);
                summary = await importer.ImportAsync(() => File.OpenRead(path), path, parseResult.GetValue(skipInvalid),
                    new Progress<double>(p => task.Value = p), cancellationToken);
                task.Value = 1.0;
            });

            Print(console, summary);
            if (jsonOut)
                Console.Out.WriteLine(JsonSerializer.Serialize(summary, JsonOptions));
            return summary.Imported ? 0 : 1;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, OutcomeImportSummary summary)
    {
        var table = new Table().AddColumns("records", "accepted", "duplicate", "rejected");
        table.AddRow($"{summary.Records:N0}", $"{summary.Accepted:N0}", $"{summary.Duplicates:N0}", $"{summary.Rejected:N0}");
        console.Write(table);
        foreach (var rejection in summary.Rejections)
            console.MarkupLineInterpolated($"[red]line {rejection.Line}:[/] {rejection.Reason}");
        if (summary.Rejected > summary.Rejections.Count)
            console.MarkupLineInterpolated($"[red]… and {summary.Rejected - summary.Rejections.Count:N0} more rejected lines[/]");
        if (!summary.Imported)
            console.MarkupLine("[red]Nothing was imported:[/] fix the lines above, or pass --skip-invalid to import the valid ones.");
    }
}
