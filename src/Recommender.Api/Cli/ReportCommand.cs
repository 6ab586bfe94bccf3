using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recommender.Api.Experiments;
using Recommender.Experiments.Analysis;
using Recommender.Experiments.Statistics;
using Recommender.Experiments.Storage;
using Spectre.Console;

namespace Recommender.Api.Cli;

/// <summary>
/// `report`: an experiment's results on one metric, the same analysis as GET /v1/experiments/{id}/results
/// (<see cref="ExperimentResultsReader"/>), printed as a table; --json prints the endpoint's JSON as the last line.
/// </summary>
internal static class ReportCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create()
    {
        var experiment = new Option<string>("--experiment") { Description = "The experiment (feature flag) id.", Required = true };
        var metric = new Option<string>("--metric") { Description = $"The metric: {ExperimentMetrics.NameList}.", DefaultValueFactory = _ => ExperimentMetrics.DefaultName };
        var control = new Option<string?>("--control") { Description = "The variant lifts are measured against (default: the variant named control, else default_when_enabled, else the first)." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (as the endpoint returns them) on the last line of stdout." };
        var store = new ExperimentsStoreOptions();
        var command = new Command("report", "Per-variant results of an experiment: metric per user, lift against the control, p-value, SRM and CUPED.")
        {
            experiment, metric, control, json,
        };
        store.AddTo(command, withExperiments: true);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var jsonOut = parseResult.GetValue(json);
            var console = CliConsole.Human(jsonOut);
            var config = store.LoadExperiments(parseResult);
            var id = parseResult.GetValue(experiment)!;
            if (!config.Experiments.TryGetValue(id, out var definition))
            {
                console.MarkupLineInterpolated($"[red]No experiment '{id}'.[/] Known: {string.Join(", ", config.Experiments.Keys.Order(StringComparer.Ordinal))}");
                return 2;
            }
            if (!ExperimentMetrics.TryGet(parseResult.GetValue(metric), out var chosen))
            {
                console.MarkupLineInterpolated($"[red]Unknown metric '{parseResult.GetValue(metric)}'.[/] Known: {ExperimentMetrics.NameList}");
                return 2;
            }
            if (ControlVariant.Choose(definition, parseResult.GetValue(control)) is not { } controlVariant)
            {
                console.MarkupLineInterpolated($"[red]'{parseResult.GetValue(control)}' is not a variant of {id}.[/] Variants: {string.Join(", ", definition.Variants.Keys)}");
                return 2;
            }

            var (storeOptions, location) = store.StoreOptions(parseResult);
            if (storeOptions.PostgresConnectionString is null && !File.Exists(storeOptions.SqlitePath))
            {
                console.MarkupLineInterpolated($"[red]No experiments database at {location}.[/] (--database or --postgres)");
                return 1;
            }
            await using var opened = await ExperimentStore.OpenAsync(storeOptions, cancellationToken: cancellationToken);
            var results = await new ExperimentResultsReader(opened).ReadAsync(definition, config.Version, chosen, controlVariant, cancellationToken);
            Print(console, results, location);
            if (jsonOut)
                Console.Out.WriteLine(JsonSerializer.Serialize(results, JsonOptions));
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, ExperimentResults results, string location)
    {
        console.MarkupLineInterpolated($"[bold]{results.Experiment}[/], metric [bold]{results.Metric}[/] ({results.MetricDescription}); store {location}");
        console.MarkupLineInterpolated($"control: {results.ControlVariant} ({results.ControlRule}); intervals at {results.ConfidenceLevel * 100:0.#}%");
        var table = new Table().AddColumns("variant", "users", "exposures", "events", "metric per user [[CI]]", "lift [[CI]]", "relative lift [[CI]]", "p", "CUPED lift [[CI]]", "CUPED p");
        foreach (var v in results.Variants)
        {
            table.AddRow(
                Markup.Escape(v.IsControl ? v.Variant + " (control)" : v.Variant),
                v.Users.ToString("N0", CultureInfo.InvariantCulture),
                v.Exposures?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",
                v.Events.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(WithInterval(v.Metric.Mean, v.Metric.Interval, "G4")),
                Markup.Escape(WithInterval(v.Lift?.Absolute, v.Lift?.AbsoluteInterval, "+0.####;-0.####;0")),
                Markup.Escape(WithInterval(v.Lift?.Relative, v.Lift?.RelativeInterval, "+0.0%;-0.0%;0%")),
                PValue(v.Lift),
                Markup.Escape(WithInterval(v.CupedLift?.Absolute, v.CupedLift?.AbsoluteInterval, "+0.####;-0.####;0")),
                PValue(v.CupedLift));
        }
        console.Write(table);

        var srm = results.SampleRatioMismatch;
        var split = string.Join(", ", srm.Cells.Select(c => $"{c.Variant} {c.Observed:N0} (expected {c.Expected:N0}, {c.ConfiguredShare:P0})"));
        if (srm.Mismatch is null)
            console.MarkupLineInterpolated($"SRM: not tested ({string.Join("; ", srm.Notes)})");
        else
            console.MarkupLineInterpolated($"SRM: χ² = {srm.ChiSquare:G4}, p = {srm.PValue:G3} → {(srm.Mismatch == true ? "[red]MISMATCH: do not trust the lifts[/]" : "[green]split as configured[/]")}; {split}");
        var cuped = results.Cuped;
        if (cuped.Applied)
            console.MarkupLineInterpolated($"CUPED: θ = {cuped.Theta:G4}, variance reduction {cuped.VarianceReduction:P1}, {cuped.UsersWithPriorEvents:N0} users with pre-experiment outcomes");
        else
            console.MarkupLineInterpolated($"CUPED: not applied ({cuped.Reason})");
        foreach (var note in results.Notes)
            console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
    }

    private static string WithInterval(double? value, ConfidenceInterval? interval, string format) =>
        value is not { } v ? "-"
        : interval is null ? v.ToString(format, CultureInfo.InvariantCulture)
        : $"{v.ToString(format, CultureInfo.InvariantCulture)} [{interval.Lower.ToString(format, CultureInfo.InvariantCulture)}, {interval.Upper.ToString(format, CultureInfo.InvariantCulture)}]";

    private static string PValue(LiftEstimate? lift) =>
        lift?.PValue is not { } p ? "-"
        : lift.Significant == true ? $"[green]{p.ToString("G3", CultureInfo.InvariantCulture)}[/]"
        : p.ToString("G3", CultureInfo.InvariantCulture);
}
