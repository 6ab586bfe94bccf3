using System.CommandLine;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Registry;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>The verbs of the one binary: serve (default), synth, train, evaluate, tune, report, import-outcomes, simulate.</summary>
internal static class RecommenderCommandLine
{
    /// <summary>Runs the verb; a bad input file or folder ends with its reason on stderr and exit code 1, not a stack trace.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        try
        {
            return await Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is DataFormatException or DirectoryNotFoundException or FileNotFoundException or InvalidDataException or System.Data.Common.DbException or ModelArtifactException or OperationCanceledException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("Recommender: recommendation ensemble service with A/B experimentation.");
        ServeCommand.Configure(root);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(TuneCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ImportOutcomesCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        return root;
    }
}
