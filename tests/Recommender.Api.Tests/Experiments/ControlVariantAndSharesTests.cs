using Recommender.Api.Experiments;

namespace Recommender.Api.Tests.Experiments;

public sealed class ControlVariantAndSharesTests
{
    private static ExperimentDefinition Flag(string variants, string allocation, bool enabled = true)
    {
        var json = $$"""
            { "feature_management": { "feature_flags": [ { "id": "x", "enabled": {{(enabled ? "true" : "false")}},
              "variants": [ {{variants}} ], "allocation": {{allocation}} } ] } }
            """;
        var (config, errors) = ExperimentsConfigParser.Parse(json);
        Assert.Empty(errors);
        return config!.Experiments["x"];
    }

    private static string Variant(string name) =>
        $$"""{ "name": "{{name}}", "configuration_value": { "strategy": "cascade", "models": ["sar"], "rules": "none" } }""";

    [Fact]
    public void Default_when_enabled_is_the_control_when_no_variant_is_named_control()
    {
        var flag = Flag($"{Variant("b")}, {Variant("a")}", """{ "default_when_enabled": "a" }""");

        Assert.Equal(("a", "allocation.default_when_enabled"), ControlVariant.Choose(flag, null));
    }

    [Fact]
    public void A_requested_control_must_be_a_variant()
    {
        // No variant named control and no default: the first variant is the control.
        var flag = Flag($"{Variant("b")}, {Variant("a")}",
            """{ "percentile": [ { "variant": "b", "from": 0, "to": 50 }, { "variant": "a", "from": 50, "to": 100 } ] }""");

        Assert.Equal(("a", "requested"), ControlVariant.Choose(flag, "a"));
        Assert.Null(ControlVariant.Choose(flag, "c"));
        Assert.Equal(("b", "the first variant"), ControlVariant.Choose(flag, null));
    }

    [Fact]
    public void Shares_add_up_the_ranges_of_each_variant()
    {
        // a owns 0–20 and 70–100 (50 %), b 20–70 (50 %): what matters is the total width, not contiguity.
        var flag = Flag($"{Variant("a")}, {Variant("b")}", """
            { "percentile": [ { "variant": "a", "from": 0, "to": 20 }, { "variant": "b", "from": 20, "to": 70 }, { "variant": "a", "from": 70, "to": 100 } ] }
            """);

        var shares = ConfiguredShares.Of(flag);

        Assert.Equal(0.5, shares["a"], 12);
        Assert.Equal(0.5, shares["b"], 12);
    }

    [Fact]
    public void Without_ranges_the_served_default_has_the_whole_traffic()
    {
        var enabled = Flag($"{Variant("a")}, {Variant("b")}", """{ "default_when_enabled": "b", "default_when_disabled": "a" }""");
        var disabled = Flag($"{Variant("a")}, {Variant("b")}", """{ "default_when_enabled": "b", "default_when_disabled": "a" }""", enabled: false);

        Assert.Equal(new Dictionary<string, double> { ["b"] = 1 }, ConfiguredShares.Of(enabled));
        Assert.Equal(new Dictionary<string, double> { ["a"] = 1 }, ConfiguredShares.Of(disabled));
    }
}
