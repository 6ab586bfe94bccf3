using Recommender.Api.Serving;

namespace Recommender.Api.Apis;

/// <summary>Liveness (the process answers) and readiness (every configured model is loaded).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/healthz").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Text("live"))
            .WithSummary("Liveness: 200 while the process serves HTTP.");
        group.MapGet("/ready", (ModelStore store) => store.IsReady
                ? Results.Text("ready")
                : Results.Problem(title: "Models are loading", statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithSummary("Readiness: 200 once every configured model is loaded, 503 before.");
        return app;
    }
}
