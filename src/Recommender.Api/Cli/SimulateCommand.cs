using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recommender.Api.Simulation;
using Recommender.Ensemble.Data.Synthetic;
using Recommender.Experiments.Simulation;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// `simulate`: demonstrates the experiment statistics on simulated experiments whose truth is known. Synthetic users
/// with known preferences (held-out interactions) request recommendations in-process from the real pipeline
/// (<see cref="SimulationWorld"/>, <see cref="PipelineSlates"/>) and click by the position-biased click model; the
/// simulated outcomes go through the same analysis as stored ones. Prints the A/A false-positive share, the A/B
/// detection rate at the stated sample size, and whether an injected 45/55 split is flagged as SRM.
/// </summary>
internal static class SimulateCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Simulated experiments per scenario.", DefaultValueFactory = _ => 200 };
        var users = new Option<int>("--users") { Description = "Users per experiment (about half per variant).", DefaultValueFactory = _ => 4000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the data set, the split and the first run.", DefaultValueFactory = _ => 1 };
        var sessions = new Option<int>("--sessions") { Description = "Responses per user during the experiment (and as many before it).", DefaultValueFactory = _ => 3 };
        var propensity = new Option<double>("--propensity") { Description = "Mean click propensity: P(click) = propensity × relevance / rank.", DefaultValueFactory = _ => 0.3 };
        var background = new Option<double>("--background-relevance") { Description = "Relevance of an item the user did not hold out (a held-out one has 1).", DefaultValueFactory = _ => 0.1 };
        var k = new Option<int>("--k") { Description = "Items per response.", DefaultValueFactory = _ => 10 };
        var data = new Option<string?>("--data") { Description = "Data folder for the recommender (default: a synthetic data set, see --data-users)." };
        var dataUsers = new Option<int>("--data-users") { Description = "Users of the generated synthetic data set.", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON on the last line of stdout." };
        var command = new Command("simulate", "Simulate A/A, A/B and SRM experiments on the in-process recommender and report what the statistics detect.")
        {
            runs, users, seed, sessions, propensity, background, k, data, dataUsers, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var jsonOut = parseResult.GetValue(json);
            var console = CliConsole.Human(jsonOut);
            var settings = new SimulationSettings(parseResult.GetValue(runs), parseResult.GetValue(users), parseResult.GetValue(seed),
                parseResult.GetValue(sessions), parseResult.GetValue(propensity));
            var problem = settings switch
            {
                { Runs: < 1 } => "--runs must be at least 1",
                { Users: < 4 } => "--users must be at least 4",
                { Sessions: < 1 } => "--sessions must be at least 1",
                { MeanPropensity: not (> 0 and <= 10) } => "--propensity must be in (0, 10]",
                _ => parseResult.GetValue(background) is not (>= 0 and <= 1) ? "--background-relevance must be in [0, 1]"
                    : parseResult.GetValue(k) is not (>= 1 and <= 100) ? "--k must be from 1 to 100"
                    : parseResult.GetValue(dataUsers) < 10 ? "--data-users must be at least 10"
                    : null,
            };
            if (problem is not null)
            {
                console.MarkupLineInterpolated($"[red]{problem}.[/]");
                return 2;
            }

            var n = parseResult.GetValue(dataUsers);
            var synthetic = new SyntheticOptions(Users: n, Items: Math.Max(50, n / 4), Interactions: n * 20L, Seed: settings.Seed);
            SimulationReport report = null!;
            await console.Progress().StartAsync(async context =>
            {
                var setup = context.AddTask("Building the recommender", maxValue: 1.0);
                using var world = SimulationWorld.Build(parseResult.GetValue(data), synthetic, settings.Seed,
                    new Progress<string>(s => setup.Description = Markup.Escape(s)), cancellationToken);
                setup.Value = 1.0;
                setup.Description = $"Recommender: SAR and popularity on {world.Served.Interactions.Count:N0} interactions";

                var pipelines = new Dictionary<string, Serving.RecommendationPipeline>(StringComparer.Ordinal)
                {
                    [SimulationScenarios.Control] = world.Pipeline(SimulationScenarios.Control, SimulationWorld.Strong),
                    [SimulationScenarios.Treatment] = world.Pipeline(SimulationScenarios.Treatment, SimulationWorld.Strong),
                    [SimulationScenarios.WeakenedTreatment] = world.Pipeline(SimulationScenarios.WeakenedTreatment, SimulationWorld.Weakened),
                };
                var slates = new PipelineSlates(pipelines, world.Served.Interactions.Users.Ids, world.Preferences,
                    parseResult.GetValue(k), parseResult.GetValue(background));
                var requests = context.AddTask("Requesting recommendations in-process", maxValue: 1.0);
                await slates.WarmAsync(new Progress<double>(p => requests.Value = p), cancellationToken);
                requests.Value = 1.0;

                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal)
                {
                    ["A/A"] = context.AddTask($"A/A × {settings.Runs}", maxValue: 1.0),
                    ["A/B"] = context.AddTask($"A/B × {settings.Runs}", maxValue: 1.0),
                    ["SRM"] = context.AddTask($"45/55 × {settings.Runs}", maxValue: 1.0),
                };
                var progress = new Progress<(string Scenario, double Done)>(p => tasks[p.Scenario].Value = p.Done);
                var scenarios = new SimulationScenarios(slates, new PositionBiasedClickModel(maxRank: parseResult.GetValue(k)), settings);
                var aa = scenarios.AaTest(progress, cancellationToken);
                var ab = scenarios.AbTest(progress, cancellationToken);
                var srm = scenarios.InjectedSampleRatioMismatch(progress, cancellationToken);
                foreach (var task in tasks.Values)
                    task.Value = 1.0;
                var hits = slates.HeldOutItemsPerResponse();
                report = new SimulationReport(settings.Runs, settings.Users, world.Served.Interactions.Users.Count, slates.Requests,
                    new Dictionary<string, double>(StringComparer.Ordinal)
                    {
                        [SimulationWorld.Strong] = hits[SimulationScenarios.Control],
                        [SimulationWorld.Weakened] = hits[SimulationScenarios.WeakenedTreatment],
                    },
                    aa.Raw, aa.Cuped, aa.SrmFlags, ab.Raw, ab.Cuped, ab.MeanRelativeLift, srm.FlagShare, srm.MedianPValue);
            });

            Print(console, report, parseResult.GetValue(k));
            if (jsonOut)
                Console.Out.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, SimulationReport report, int k)
    {
        var invariant = CultureInfo.InvariantCulture;
        console.MarkupLineInterpolated(
            $"{report.Requests:N0} in-process requests for {report.DataSetUsers:N0} data-set users; held-out items among the {k} shown: strong {report.HeldOutItemsPerResponse[SimulationWorld.Strong].ToString("F2", invariant)}, weakened {report.HeldOutItemsPerResponse[SimulationWorld.Weakened].ToString("F2", invariant)}");
        var table = new Table().AddColumns("scenario", "runs", "users per experiment", "measured", "CUPED", "expected");
        table.AddRow("A/A: p < 0.05", $"{report.Runs}", $"{report.UsersPerExperiment:N0}",
            report.AaFalsePositiveShare.ToString("F3", invariant), report.AaCupedFalsePositiveShare.ToString("F3", invariant), "0.02–0.08 (α = 0.05)");
        table.AddRow("A/B weakened: detected (p < 0.05, lift < 0)", $"{report.Runs}", $"{report.UsersPerExperiment:N0}",
            report.AbDetectionRate.ToString("F3", invariant), report.AbCupedDetectionRate.ToString("F3", invariant), "≥ 0.80");
        table.AddRow("45/55 split analysed as 50/50: SRM flagged", $"{report.Runs}", $"{report.UsersPerExperiment:N0}",
            report.SrmFlagShare.ToString("F3", invariant), "-", $"1.000 (median p {report.SrmMedianPValue.ToString("G3", invariant)})");
        console.Write(table);
        console.MarkupLineInterpolated(
            $"A/B mean relative lift of the weakened variant: {report.AbMeanRelativeLift.ToString("P1", invariant)}; SRM flags in the A/A runs: {report.AaSrmFlags}");
    }
}
