using System.CommandLine;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Splits;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// `evaluate`: the Microsoft Recommenders MovieLens protocol (../shared/PROTOCOL.md) for every preset: stratified
/// 75/25 split by item with the seed, fit on train, top-k for every test user with train items removed.
/// </summary>
internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (MovieLens 100K or the CSV trio).", Required = true };
        var k = new Option<int>("--k") { Description = "Recommendation list length.", DefaultValueFactory = _ => 10 };
        var models = new Option<string?>("--models") { Description = $"Comma-separated presets (default: all: {string.Join(",", ModelPresets.Names)})." };
        var seed = new Option<int>("--seed") { Description = "Split seed.", DefaultValueFactory = _ => 42 };
        var ratio = new Option<double>("--ratio") { Description = "Train share of each item's interactions.", DefaultValueFactory = _ => 0.75 };
        var json = new Option<bool>("--json") { Description = "Print a JSON array (one object per model) as the last line of stdout." };
        var command = new Command("evaluate", "Train every model on the benchmark split and report nDCG, MAP, precision, recall at k.")
        {
            data, k, models, seed, ratio, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var jsonOut = parseResult.GetValue(json);
            var console = CliConsole.Human(jsonOut);
            var names = CliConsole.SplitList(parseResult.GetValue(models));
            if (names.Length == 0)
                names = [.. ModelPresets.Names];
            foreach (var name in names.Where(n => !ModelPresets.IsKnown(n)))
            {
                console.MarkupLineInterpolated($"[red]Unknown model '{name}'.[/] Known: {string.Join(", ", ModelPresets.Names)}");
                return Task.FromResult(2);
            }

            var dataset = DatasetLoader.Load(parseResult.GetValue(data)!, cancellationToken: cancellationToken).Dataset;
            var (train, test) = new StratifiedSplitter(parseResult.GetValue(ratio), StratifyBy.Item, parseResult.GetValue(seed)).Split(dataset.Interactions);
            var training = new TrainingData(train, dataset.Catalog);
            var evaluator = new Evaluator(parseResult.GetValue(k));
            console.MarkupLineInterpolated($"{dataset.Name}: {train.Count:N0} train / {test.Count:N0} test interactions, k = {evaluator.K}");

            var results = new List<EvaluationResult>();
            console.Status().Start("Evaluating", context =>
            {
                foreach (var name in names)
                {
                    context.Status($"Training and evaluating {name}");
                    results.Add(evaluator.FitAndEvaluate(ModelPresets.Create(name), training, test, name, cancellationToken));
                }
            });

            console.Write(ResultsTable(results, evaluator.K));
            if (jsonOut)
            {
                var rows = results.Select(r => new
                {
                    model = r.Model, map = r.Map, ndcg = r.Ndcg, precision = r.Precision, recall = r.Recall,
                    coverage = r.Coverage, trainSeconds = r.TrainSeconds, recommendSeconds = r.RecommendSeconds,
                    mapAtK = r.MapAtK, users = r.Users,
                });
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static Table ResultsTable(IEnumerable<EvaluationResult> results, int k)
    {
        var table = new Table().AddColumns("model", $"nDCG@{k}", "MAP", $"P@{k}", $"R@{k}", "coverage", "train s", "rec s");
        foreach (var r in results)
        {
            table.AddRow(r.Model, F(r.Ndcg), F(r.Map), F(r.Precision), F(r.Recall), F(r.Coverage),
                r.TrainSeconds.ToString("F2"), r.RecommendSeconds.ToString("F2"));
        }
        return table;
        static string F(double v) => v.ToString("F4");
    }
}
