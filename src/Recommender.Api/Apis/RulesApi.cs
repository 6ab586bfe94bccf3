using Recommender.Rules;

namespace Recommender.Api.Apis;

/// <summary>Admin view of the business-rule workflows in force and the last refused edit.</summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/rules", (RuleWorkflowHost rules) => TypedResults.Ok(rules.Status))
            .WithTags("Rules")
            .WithName("GetRules")
            .WithSummary("Active workflows (version, load time, rules) and the last refusal (file, rule, reason).");
        return app;
    }
}
