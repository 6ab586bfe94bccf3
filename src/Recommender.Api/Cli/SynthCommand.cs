using System.CommandLine;
using System.Diagnostics;
using Recommender.Ensemble.Data.Synthetic;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>`synth`: writes a deterministic synthetic data set (interactions.csv, items.csv, users.csv).</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var sample = SyntheticOptions.Sample();
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the CSV trio into.", Required = true };
        var users = new Option<int>("--users") { Description = "Number of users.", DefaultValueFactory = _ => sample.Users };
        var items = new Option<int>("--items") { Description = "Number of catalog items.", DefaultValueFactory = _ => sample.Items };
        var interactions = new Option<long>("--interactions") { Description = "Number of interaction rows.", DefaultValueFactory = _ => sample.Interactions };
        var seed = new Option<int>("--seed") { Description = "Seed: the same options always give identical files.", DefaultValueFactory = _ => sample.Seed };
        var implicitCounts = new Option<bool>("--implicit") { Description = "Implicit counts instead of 1–5 ratings." };
        var command = new Command("synth", "Generate a synthetic data set (latent-factor tastes, power-law popularity, full catalog metadata).")
        {
            output, users, items, interactions, seed, implicitCounts,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = sample with
            {
                Users = parseResult.GetValue(users),
                Items = parseResult.GetValue(items),
                Interactions = parseResult.GetValue(interactions),
                Seed = parseResult.GetValue(seed),
                Weights = parseResult.GetValue(implicitCounts) ? SyntheticWeights.Counts : SyntheticWeights.Ratings,
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return Task.FromResult(2);
            }
            var folder = parseResult.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask($"Writing {options.Interactions:N0} interactions to {folder}", maxValue: 1.0);
                new SyntheticGenerator(options).WriteTo(folder, new Progress<double>(p => task.Value = p), cancellationToken);
                task.Value = 1.0;
            });
            AnsiConsole.MarkupLineInterpolated($"Wrote {options.Users:N0} users, {options.Items:N0} items, {options.Interactions:N0} interactions to {folder} in {clock.Elapsed.TotalSeconds:F1} s");
            return Task.FromResult(0);
        });
        return command;
    }
}
