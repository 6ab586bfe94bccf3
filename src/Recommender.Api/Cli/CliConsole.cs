using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// Console output of the verbs: human-facing text (tables, progress) goes to stderr when a verb prints JSON, so
/// that stdout stays machine-readable with the JSON as its last line.
/// </summary>
internal static class CliConsole
{
    public static IAnsiConsole Human(bool jsonOnStdout)
    {
        var console = jsonOnStdout
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : AnsiConsole.Console;
        // Redirected output has no terminal width; keep tables on one line per row for logs and files.
        if (jsonOnStdout ? Console.IsErrorRedirected : Console.IsOutputRedirected)
            console.Profile.Width = 160;
        return console;
    }

    public static string[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
