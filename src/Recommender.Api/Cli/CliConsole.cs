using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// Console output of the verbs: human-facing text (tables, progress) goes to stderr when a verb prints JSON, so
/// that stdout stays machine-readable with the JSON as its last line.
/// </summary>
internal static class CliConsole
{
    public static IAnsiConsole Human(bool jsonOnStdout) =>
        jsonOnStdout
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : AnsiConsole.Console;

    public static string[] SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
