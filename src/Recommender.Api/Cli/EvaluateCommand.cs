using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Strategies;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// `evaluate`: the Microsoft Recommenders MovieLens protocol (../shared/PROTOCOL.md) for every preset: stratified
/// 75/25 split by item with the seed, fit on train, top-k for every test user with train items removed.
/// Then one row per ensemble preset ("ensemble:&lt;strategy&gt;", <see cref="EnsemblePresets"/>) over the fitted models;
/// the learned ranker is trained on a validation split carved from train, its time reported as train seconds.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>The prefix of ensemble rows, after the model rows.</summary>
    private const string EnsemblePrefix = "ensemble:";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (MovieLens 100K or the CSV trio).", Required = true };
        var k = new Option<int>("--k") { Description = "Recommendation list length.", DefaultValueFactory = _ => 10 };
        var models = new Option<string?>("--models") { Description = $"Comma-separated presets (default: all: {string.Join(",", ModelPresets.Names)})." };
        var seed = new Option<int>("--seed") { Description = "Split seed.", DefaultValueFactory = _ => 42 };
        var ratio = new Option<double>("--ratio") { Description = "Train share of each item's interactions.", DefaultValueFactory = _ => 0.75 };
        var strategies = new Option<string?>("--strategies") { Description = $"Comma-separated ensemble presets (default: all: {string.Join(",", EnsemblePresets.Names)}; \"none\" for none)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array (one object per model) as the last line of stdout." };
        var command = new Command("evaluate", "Train every model on the benchmark split and report nDCG, MAP, precision, recall at k.")
        {
            data, k, models, strategies, seed, ratio, json,
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
            var strategyNames = CliConsole.SplitList(parseResult.GetValue(strategies));
            if (strategyNames.Length == 0)
                strategyNames = [.. EnsemblePresets.Names];
            else if (strategyNames is ["none"])
                strategyNames = [];
            foreach (var name in strategyNames.Where(n => !EnsemblePresets.Names.Contains(n)))
            {
                console.MarkupLineInterpolated($"[red]Unknown ensemble strategy '{name}'.[/] Known: {string.Join(", ", EnsemblePresets.Names)}");
                return Task.FromResult(2);
            }

            var dataset = DatasetLoader.Load(parseResult.GetValue(data)!, cancellationToken: cancellationToken).Dataset;
            var (train, test) = new StratifiedSplitter(parseResult.GetValue(ratio), StratifyBy.Item, parseResult.GetValue(seed)).Split(dataset.Interactions);
            var training = new TrainingData(train, dataset.Catalog);
            var evaluator = new Evaluator(parseResult.GetValue(k));
            console.MarkupLineInterpolated($"{dataset.Name}: {train.Count:N0} train / {test.Count:N0} test interactions, k = {evaluator.K}");

            var results = new List<EvaluationResult>();
            var fitted = new Dictionary<string, IRecommender>(StringComparer.Ordinal);
            console.Status().Start("Evaluating", context =>
            {
                foreach (var name in names)
                {
                    context.Status($"Training and evaluating {name}");
                    var model = ModelPresets.Create(name);
                    results.Add(evaluator.FitAndEvaluate(model, training, test, name, cancellationToken));
                    fitted[name] = model;
                }
                foreach (var name in strategyNames)
                {
                    context.Status($"Evaluating ensemble {name}");
                    results.Add(EvaluateEnsemble(name, training, test, evaluator, Fitted, cancellationToken));
                }
            });

            // Ensemble members the model rows did not fit (e.g. with --models) are fitted once here.
            IRecommender Fitted(string name)
            {
                if (!fitted.TryGetValue(name, out var model))
                {
                    model = ModelPresets.Create(name);
                    model.Fit(training, cancellationToken);
                    fitted[name] = model;
                }
                return model;
            }

            console.Write(ResultsTable(results, evaluator.K));
            if (BestEnsembleAgainstBestModel(results) is { } comparison)
            {
                var (ensemble, model, difference) = comparison;
                console.MarkupLineInterpolated(
                    $"Best ensemble ({ensemble}) − best single model ({model}): nDCG@{evaluator.K} {difference.Mean:+0.0000;-0.0000} ± {difference.StandardError:F4} (standard error over {difference.Users} users' paired differences)");
            }
            if (jsonOut)
            {
                var rows = results.Select(r => new
                {
                    model = r.Model, map = r.Map, ndcg = r.Ndcg, ndcgStandardError = r.NdcgStandardError, precision = r.Precision, recall = r.Recall,
                    coverage = r.Coverage, trainSeconds = r.TrainSeconds, recommendSeconds = r.RecommendSeconds,
                    mapAtK = r.MapAtK, users = r.Users,
                });
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static EvaluationResult EvaluateEnsemble(string name, TrainingData training, InteractionLog test, Evaluator evaluator,
        Func<string, IRecommender> fitted, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var ranker = name == LearnedRankerStrategy.StrategyName ? EnsemblePresets.TrainRanker(training, cancellationToken: cancellationToken) : null;
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var generator = new CandidateGenerator([.. EnsemblePresets.SourcesOf(name).Select(source => (source, fitted(source)))]);
        var features = ranker is null ? null : RankingFeatureSource.FromTraining(training, (ContentRecommender)fitted("content"));
        return new EnsembleEvaluator(evaluator).Evaluate(generator, EnsemblePresets.Create(name, ranker), EnsemblePresets.PoolSizeOf(name),
            features, training.Matrix, test, EnsemblePrefix + name, trainSeconds, cancellationToken);
    }

    /// <summary>The best ensemble row against the best model row, user by user; null unless there are both.</summary>
    private static (string Ensemble, string Model, PairedDifference Difference)? BestEnsembleAgainstBestModel(IReadOnlyList<EvaluationResult> results)
    {
        var ensemble = results.Where(r => r.Model.StartsWith(EnsemblePrefix, StringComparison.Ordinal)).MaxBy(r => r.Ndcg);
        var model = results.Where(r => !r.Model.StartsWith(EnsemblePrefix, StringComparison.Ordinal)).MaxBy(r => r.Ndcg);
        return ensemble is null || model is null ? null : (ensemble.Model, model.Model, PairedDifference.OfNdcg(ensemble, model));
    }

    private static Table ResultsTable(IEnumerable<EvaluationResult> results, int k)
    {
        var table = new Table().AddColumns("model", $"nDCG@{k}", "± SE", "MAP", $"P@{k}", $"R@{k}", "coverage", "train s", "rec s");
        foreach (var r in results)
        {
            table.AddRow(r.Model, F(r.Ndcg), F(r.NdcgStandardError), F(r.Map), F(r.Precision), F(r.Recall), F(r.Coverage),
                r.TrainSeconds.ToString("F2"), r.RecommendSeconds.ToString("F2"));
        }
        return table;
        static string F(double v) => v.ToString("F4");
    }
}
