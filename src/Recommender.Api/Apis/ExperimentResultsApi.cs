using Microsoft.AspNetCore.Http.HttpResults;
using Recommender.Api.Experiments;
using Recommender.Experiments.Analysis;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Apis;

/// <summary>The admin role's view of an experiment's outcome: per-variant metric, lift, p-value and checks.</summary>
public static class ExperimentResultsApi
{
    public static IEndpointRouteBuilder MapExperimentResultsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/experiments/{id}/results", GetResults)
            .WithTags("Experiments")
            .WithName("GetExperimentResults")
            .WithSummary("Per-variant results of an experiment on one metric: users, exposures, events, metric per user with 95% CI, " +
                "lift against the control with CI and Welch p-value, sample-ratio-mismatch check, CUPED.")
            .WithDescription(
                $"metric (default {ExperimentMetrics.DefaultName}): {Describe()}. " +
                "Every metric is per exposed user (the unit of analysis); a user belongs to the variant of their first exposure, and " +
                "outcomes count when their requestId names one of the experiment's exposures, or, without one, when the user had " +
                "been exposed by then; outcomes before a user's first exposure are the CUPED covariate. " +
                "control (optional): the variant lifts are measured against; by default a variant named \"control\", else " +
                "allocation.default_when_enabled, else the first variant. The sample-ratio-mismatch test compares users per " +
                "variant with the allocation.percentile shares and flags p < 0.001.")
            .Produces<ExperimentResults>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static string Describe() => string.Join("; ", ExperimentMetrics.All.Select(m => $"{m.Name} = {m.Description}"));

    private static async Task<Results<Ok<ExperimentResults>, ProblemHttpResult>> GetResults(
        string id, string? metric, string? control, ExperimentsConfigStore configs, IExperimentStore store, CancellationToken cancellationToken)
    {
        var config = configs.Current;
        if (!config.Experiments.TryGetValue(id, out var experiment))
            return RequestValidation.Problem(StatusCodes.Status404NotFound, "Unknown experiment",
                $"No experiment '{id}' is configured (known: {string.Join(", ", config.Experiments.Keys.Order(StringComparer.Ordinal))}).", "id");
        var metricName = string.IsNullOrEmpty(metric) ? ExperimentMetrics.DefaultName : metric;
        if (!ExperimentMetrics.TryGet(metricName, out var chosen))
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Unknown metric",
                $"metric '{metricName}' is not one of {ExperimentMetrics.NameList}.", "metric");
        if (ControlVariant.Choose(experiment, control) is not { } controlVariant)
            return RequestValidation.Problem(StatusCodes.Status400BadRequest, "Unknown control variant",
                $"control '{control}' is not a variant of '{id}' (variants: {string.Join(", ", experiment.Variants.Keys)}).", "control");

        var results = await new ExperimentResultsReader(store).ReadAsync(experiment, config.Version, chosen, controlVariant, cancellationToken);
        return TypedResults.Ok(results);
    }
}
