namespace Recommender.Api.Experiments;

/// <summary>
/// Which variant an experiment's lifts are measured against. experiments.json has no field for it (the
/// feature-management schema knows only defaults), so the rule, first match wins:
/// <list type="number">
/// <item>the variant the caller names (?control= on the endpoint, --control on the report verb);</item>
/// <item>a variant named "control" (the convention the shipped experiments.json follows);</item>
/// <item>allocation.default_when_enabled, the variant users get when no allocation applies, usually the baseline;</item>
/// <item>the first variant in the file.</item>
/// </list>
/// "control" comes before default_when_enabled because a default is a serving choice: the shipped
/// home-ranker serves "blend" by default while "control" is its baseline.
/// </summary>
public static class ControlVariant
{
    public const string ConventionalName = "control";

    /// <summary>The control of <paramref name="experiment"/> and the rule that chose it; null when <paramref name="requested"/> names no variant.</summary>
    public static (string Variant, string Rule)? Choose(ExperimentDefinition experiment, string? requested)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (!string.IsNullOrEmpty(requested))
            return experiment.Variants.ContainsKey(requested) ? (requested, "requested") : null;
        if (experiment.Variants.ContainsKey(ConventionalName))
            return (ConventionalName, "the variant named \"control\"");
        if (experiment.DefaultWhenEnabled is { } fallback && experiment.Variants.ContainsKey(fallback))
            return (fallback, "allocation.default_when_enabled");
        return (experiment.Variants.Keys.First(), "the first variant");
    }
}
