using System.CommandLine;

namespace Recommender.Api.Cli;

/// <summary>`tune`: hyper-parameter search on a validation split carved from the training split.</summary>
internal static class TuneCommand
{
    public static Command Create() => new("tune", "Choose hyper-parameters on a validation split carved from train (never on test).");
}
