using System.CommandLine;
using System.Diagnostics;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Registry;
using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Strategies;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// `train`: fits presets on all of a data folder and publishes each as a new registry version. With --evaluate,
/// each model is first scored on the benchmark split and those metrics go into the manifest.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (MovieLens 100K or the CSV trio).", DefaultValueFactory = _ => "data" };
        var registryPath = new Option<string>("--registry") { Description = "Model registry folder.", DefaultValueFactory = _ => "models" };
        var models = new Option<string?>("--models") { Description = $"Comma-separated presets (default: all: {string.Join(",", ModelPresets.Names)})." };
        var evaluate = new Option<bool>("--evaluate") { Description = "Also measure each model on a 75/25 split (seed 42) and record the metrics in its manifest." };
        var skipInvalid = new Option<bool>("--skip-invalid-rows") { Description = "Skip malformed CSV rows (their count is reported) instead of failing." };
        var ranker = new Option<string?>("--ranker")
        {
            Description = "Also train the preset learned ranker (LambdaMART on validation carved from the data) and publish it under this " +
                "name, for variants with { \"strategy\": \"learned\", \"ranker\": NAME }.",
        };
        var command = new Command("train", "Train models on a data folder and publish them to the registry.")
        {
            data, registryPath, models, evaluate, skipInvalid, ranker,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var console = CliConsole.Human(jsonOnStdout: false);
            var names = CliConsole.SplitList(parseResult.GetValue(models));
            if (names.Length == 0)
                names = [.. ModelPresets.Names];
            foreach (var name in names.Where(n => !ModelPresets.IsKnown(n)))
            {
                console.MarkupLineInterpolated($"[red]Unknown model '{name}'.[/] Known: {string.Join(", ", ModelPresets.Names)}");
                return Task.FromResult(2);
            }

            var loaded = DatasetLoader.Load(parseResult.GetValue(data)!, new CsvLoadOptions(parseResult.GetValue(skipInvalid)), cancellationToken);
            foreach (var skipped in loaded.Skipped.Where(s => s.Count > 0))
                console.MarkupLineInterpolated($"[yellow]Skipped {skipped.Count:N0} malformed rows of {skipped.File}[/]");
            var dataset = loaded.Dataset;
            var fingerprint = dataset.Fingerprint();
            var registry = new ModelRegistry(parseResult.GetValue(registryPath)!, ModelPresets.Kinds);
            var everything = new TrainingData(dataset.Interactions, dataset.Catalog);
            (TrainingData Train, InteractionLog Test)? holdout = null;
            if (parseResult.GetValue(evaluate))
            {
                var (train, test) = StratifiedSplitter.Benchmark.Split(dataset.Interactions);
                holdout = (new TrainingData(train, dataset.Catalog), test);
            }

            var table = new Table().AddColumns("model", "version", "train s", "nDCG@10 (holdout)", "folder");
            console.Status().Start("Training", context =>
            {
                foreach (var name in names)
                {
                    Dictionary<string, double>? metrics = null;
                    if (holdout is { } h)
                    {
                        context.Status($"Evaluating {name} on the holdout split");
                        var result = new Evaluator().FitAndEvaluate(ModelPresets.Create(name), h.Train, h.Test, name, cancellationToken);
                        metrics = new() { ["ndcg@10"] = result.Ndcg, ["map"] = result.Map, ["precision@10"] = result.Precision, ["recall@10"] = result.Recall, ["coverage"] = result.Coverage };
                    }
                    context.Status($"Training {name} on all {dataset.Interactions.Count:N0} interactions");
                    var clock = Stopwatch.StartNew();
                    var model = ModelPresets.Create(name);
                    model.Fit(everything, cancellationToken);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var manifest = registry.Publish(name, model, fingerprint, metrics);
                    table.AddRow(name, manifest.Version, seconds.ToString("F2"),
                        metrics is null ? "-" : metrics["ndcg@10"].ToString("F4"), Path.Combine(registry.Root, name, manifest.Version));
                }
                if (parseResult.GetValue(ranker) is { Length: > 0 } rankerName)
                {
                    context.Status($"Training the learned ranker {rankerName} on validation carved from the data");
                    var clock = Stopwatch.StartNew();
                    var trained = EnsemblePresets.TrainRanker(everything, cancellationToken: cancellationToken);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var manifest = registry.PublishRanker(rankerName, trained, fingerprint);
                    table.AddRow(rankerName, manifest.Version, seconds.ToString("F2"), "-", Path.Combine(registry.Root, rankerName, manifest.Version));
                }
            });
            console.Write(table);
            return Task.FromResult(0);
        });
        return command;
    }
}
