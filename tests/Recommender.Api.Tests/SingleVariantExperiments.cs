namespace Recommender.Api.Tests;

/// <summary>experiments.json for a service whose default placement gives every user one variant.</summary>
internal static class SingleVariantExperiments
{
    /// <param name="policyJson">The variant's configuration_value: models, strategy and its parameters, rules.</param>
    public static string Serving(string variant, string policyJson) => $$"""
        {
          "placements": { "default": "home-ranker" },
          "feature_management": { "feature_flags": [
            { "id": "home-ranker", "enabled": true,
              "variants": [ { "name": "{{variant}}", "configuration_value": {{policyJson}} } ],
              "allocation": { "default_when_enabled": "{{variant}}" } }
          ] }
        }
        """;
}
