using System.CommandLine;
using System.Text.Json;
using Recommender.Api.Experiments;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Tuning;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// `tune`: grid search for a preset on a validation split carved from the benchmark training split, so choices
/// never see the test split. Prints every candidate's validation metrics, best first.
/// </summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (MovieLens 100K or the CSV trio).", Required = true };
        var model = new Option<string>("--model")
        {
            Description = $"Preset to tune: {string.Join(", ", TuningGrids.Presets)}, or an ensemble strategy: {string.Join(", ", EnsembleTuningGrids.Strategies.Select(s => EnsemblePrefix + s))}.",
        };
        var policies = new Option<string>("--policies")
        {
            Description = "Instead of --model: an experiments file (experiments.json's schema) whose variants' models and strategies are scored on the ensemble search's carves.",
        };
        var json = new Option<bool>("--json") { Description = "Print the results as a JSON array on the last line of stdout." };
        var command = new Command("tune", "Choose hyper-parameters on a validation split carved from train (never on test).") { data, model, policies, json };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var jsonOut = parseResult.GetValue(json);
            var console = CliConsole.Human(jsonOut);
            var preset = parseResult.GetValue(model);
            var policyFile = parseResult.GetValue(policies);
            if ((preset is null) == (policyFile is null))
            {
                console.MarkupLine("[red]Give either --model or --policies.[/]");
                return Task.FromResult(2);
            }
            if (policyFile is not null)
                return Task.FromResult(TunePolicies(policyFile, parseResult.GetValue(data)!, console, jsonOut, cancellationToken));
            if (preset!.StartsWith(EnsemblePrefix, StringComparison.Ordinal))
                return Task.FromResult(TuneEnsemble(preset[EnsemblePrefix.Length..], parseResult.GetValue(data)!, console, jsonOut, cancellationToken));
            if (!TuningGrids.Presets.Contains(preset))
            {
                console.MarkupLineInterpolated($"[red]No tuning grid for '{preset}'.[/] Grids: {string.Join(", ", TuningGrids.Presets)}");
                return Task.FromResult(2);
            }
            var dataset = DatasetLoader.Load(parseResult.GetValue(data)!, cancellationToken: cancellationToken).Dataset;
            var (train, _) = StratifiedSplitter.Benchmark.Split(dataset.Interactions);
            var progress = new Progress<TuningResult>(r => console.MarkupLineInterpolated($"{r.Candidate.Description}: nDCG@10 {r.Validation.Ndcg:F4}"));
            var results = new HyperParameterSearch().Run(TuningGrids.For(preset), train, dataset.Catalog, progress, cancellationToken);

            var table = new Table().AddColumns("candidate", "val nDCG@10", "val MAP", "val P@10", "val R@10", "train s");
            foreach (var r in results)
                table.AddRow(r.Candidate.Description, r.Validation.Ndcg.ToString("F4"), r.Validation.Map.ToString("F4"),
                    r.Validation.Precision.ToString("F4"), r.Validation.Recall.ToString("F4"), r.Validation.TrainSeconds.ToString("F2"));
            console.Write(table);
            console.MarkupLineInterpolated($"Best on validation: [green]{results[0].Candidate.Description}[/]");
            if (jsonOut)
            {
                var rows = results.Select(r => new { candidate = r.Candidate.Description, ndcg = r.Validation.Ndcg, map = r.Validation.Map, precision = r.Validation.Precision, recall = r.Validation.Recall });
                Console.Out.WriteLine(JsonSerializer.Serialize(rows));
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private const string EnsemblePrefix = "ensemble:";

    /// <summary>Ensemble strategies: mean validation nDCG over the carves of <see cref="EnsembleSearch"/> (docs/tuning.md).</summary>
    private static int TuneEnsemble(string strategy, string dataFolder, IAnsiConsole console, bool jsonOut, CancellationToken cancellationToken)
    {
        if (!EnsembleTuningGrids.Strategies.Contains(strategy))
        {
            console.MarkupLineInterpolated($"[red]No tuning grid for strategy '{strategy}'.[/] Grids: {string.Join(", ", EnsembleTuningGrids.Strategies)}");
            return 2;
        }
        return SearchEnsembles(EnsembleTuningGrids.Members, EnsembleTuningGrids.For(strategy), dataFolder, console, jsonOut, cancellationToken);
    }

    /// <summary>The variants of an experiments file, scored like the ensemble grids; a file with any bad variant is refused whole.</summary>
    private static int TunePolicies(string file, string dataFolder, IAnsiConsole console, bool jsonOut, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            console.MarkupLineInterpolated($"[red]--policies: file '{Path.GetFullPath(file)}' does not exist.[/]");
            return 2;
        }
        var (config, parseErrors) = ExperimentsConfigParser.Parse(File.ReadAllText(file));
        var (members, candidates, errors) = config is null ? ([], [], parseErrors) : PolicyCandidates.From(config);
        if (errors.Count > 0 || candidates.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]--policies: {Path.GetFullPath(file)} cannot be scored:[/]");
            foreach (var error in errors.DefaultIfEmpty("it has no variants"))
                console.MarkupLineInterpolated($"  {error}");
            return 2;
        }
        console.MarkupLine("Offline every model is fitted from its preset on each carve: pinned model versions and rules workflows do not apply.");
        return SearchEnsembles(members, candidates, dataFolder, console, jsonOut, cancellationToken);
    }

    private static int SearchEnsembles(IReadOnlyList<string> members, IEnumerable<StrategyCandidate> candidates, string dataFolder,
        IAnsiConsole console, bool jsonOut, CancellationToken cancellationToken)
    {
        var dataset = DatasetLoader.Load(dataFolder, cancellationToken: cancellationToken).Dataset;
        var (train, _) = StratifiedSplitter.Benchmark.Split(dataset.Interactions);
        var results = new EnsembleSearch(members).Run(candidates, train, dataset.Catalog, cancellationToken: cancellationToken);
        var table = new Table().AddColumns("candidate", "mean val nDCG@10", "per carve", "val MAP", "val P@10", "val R@10");
        foreach (var r in results)
        {
            table.AddRow(r.Candidate.Description, r.Ndcg.ToString("F4"), string.Join(" / ", r.Folds.Select(f => f.Ndcg.ToString("F4"))),
                r.Map.ToString("F4"), r.Precision.ToString("F4"), r.Recall.ToString("F4"));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"Best on validation: [green]{results[0].Candidate.Description}[/]");
        if (jsonOut)
        {
            var rows = results.Select(r => new
            {
                candidate = r.Candidate.Description, ndcg = r.Ndcg, ndcgPerCarve = r.Folds.Select(f => f.Ndcg), map = r.Map, precision = r.Precision, recall = r.Recall,
            });
            Console.Out.WriteLine(JsonSerializer.Serialize(rows));
        }
        return 0;
    }
}
