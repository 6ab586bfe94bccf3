using Recommender.Api.Experiments;

namespace Recommender.Api.Tests;

public sealed class ExperimentsConfigParserTests
{
    private static string Flag(string percentile) => $$"""
        {
          "placements": { "home": "exp" },
          "feature_management": { "feature_flags": [ {
            "id": "exp", "enabled": true,
            "variants": [
              { "name": "a", "configuration_value": { "strategy": "cascade", "models": ["als"] } },
              { "name": "b", "configuration_value": { "strategy": "cascade", "models": ["sar"] } } ],
            "allocation": { "seed": "s1", "default_when_enabled": "a", "percentile": {{percentile}} } } ] }
        }
        """;

    [Fact]
    public void Percentile_ranges_covering_0_to_100_parse_in_order_with_their_shares()
    {
        var (config, errors) = ExperimentsConfigParser.Parse(Flag("""[ { "variant": "b", "from": 30, "to": 100 }, { "variant": "a", "from": 0, "to": 30 } ]"""));

        Assert.Empty(errors);
        var experiment = config!.Experiments["exp"];
        Assert.Equal("s1", experiment.Seed);
        Assert.Equal(["a", "b"], experiment.Percentiles.Select(p => p.Variant));
        Assert.Equal([0.3, 0.7], experiment.Percentiles.Select(p => p.Share));
    }

    [Theory]
    [InlineData("""[ { "variant": "a", "from": 0, "to": 40 }, { "variant": "b", "from": 50, "to": 100 } ]""", "percentiles 40–50 are allocated to no variant")]
    [InlineData("""[ { "variant": "a", "from": 0, "to": 60 }, { "variant": "b", "from": 50, "to": 100 } ]""", "overlaps")]
    [InlineData("""[ { "variant": "a", "from": 0, "to": 50 }, { "variant": "b", "from": 50, "to": 90 } ]""", "percentiles 90–100 are allocated to no variant")]
    [InlineData("""[ { "variant": "a", "from": 0, "to": 50 }, { "variant": "zz", "from": 50, "to": 100 } ]""", "percentile[1].variant: variant 'zz' is not defined")]
    [InlineData("""[ { "variant": "a", "from": 0, "to": 50 }, { "variant": "b", "from": 50, "to": 101 } ]""", "percentile[1].to: required number between 0 and 100")]
    [InlineData("""[ { "variant": "a", "from": 50, "to": 0 }, { "variant": "b", "from": 50, "to": 100 } ]""", "percentile[0]: from (50) must be below to (0)")]
    public void Allocations_that_do_not_cover_0_to_100_exactly_once_are_refused_with_the_path(string percentile, string expected)
    {
        var (config, errors) = ExperimentsConfigParser.Parse(Flag(percentile));

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("$.feature_management.feature_flags[0].allocation.percentile", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }
}
