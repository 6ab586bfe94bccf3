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

    private static string Lists(string allocation, bool enabled = true) => $$"""
        {
          "feature_management": { "feature_flags": [ {
            "id": "exp", "enabled": {{(enabled ? "true" : "false")}},
            "variants": [
              { "name": "a", "configuration_value": { "strategy": "cascade", "models": ["als"] } },
              { "name": "b", "configuration_value": { "strategy": "cascade", "models": ["sar"] } } ],
            "allocation": {{allocation}} } ] }
        }
        """;

    [Fact]
    public void User_and_group_lists_parse_with_their_variants()
    {
        var (config, errors) = ExperimentsConfigParser.Parse(Lists("""
            { "default_when_enabled": "a", "user": [ { "variant": "b", "users": ["u1", "u2"] } ], "group": [ { "variant": "a", "groups": ["beta"] } ] }
            """));

        Assert.Empty(errors);
        var experiment = config!.Experiments["exp"];
        Assert.Equal("b", experiment.Users![0].Variant);
        Assert.Equal(["u1", "u2"], experiment.Users[0].Members);
        Assert.Equal("a", experiment.Groups![0].Variant);
        Assert.Equal(["beta"], experiment.Groups[0].Members);
        Assert.Equal(["a", "b"], experiment.VariantNames!);
    }

    [Theory]
    [InlineData("""{ "default_when_enabled": "a", "user": [ { "variant": "zz", "users": ["u1"] } ] }""", "$.feature_management.feature_flags[0].allocation.user[0].variant: variant 'zz' is not defined")]
    [InlineData("""{ "default_when_enabled": "a", "user": [ { "variant": "a", "users": ["u1"] }, { "variant": "b", "users": ["u1"] } ] }""", "$.feature_management.feature_flags[0].allocation.user[1].users[0]: 'u1' is already listed (for variant 'a')")]
    [InlineData("""{ "default_when_enabled": "a", "group": [ { "variant": "a", "groups": [] } ] }""", "$.feature_management.feature_flags[0].allocation.group[0].groups: required non-empty array of strings")]
    [InlineData("""{ "default_when_enabled": "a", "group": [ { "variant": "a", "groups": [3] } ] }""", "$.feature_management.feature_flags[0].allocation.group[0].groups[0]: must be a non-empty string")]
    [InlineData("""{ "user": [ { "variant": "a", "users": ["u1"] } ] }""", "$.feature_management.feature_flags[0].allocation.default_when_enabled: required when allocation.percentile is absent")]
    public void Bad_user_and_group_lists_are_refused_with_the_path(string allocation, string expected)
    {
        var (config, errors) = ExperimentsConfigParser.Parse(Lists(allocation));

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_disabled_experiment_must_name_its_default_when_disabled()
    {
        var (config, errors) = ExperimentsConfigParser.Parse(Lists("""{ "default_when_enabled": "a" }""", enabled: false));

        Assert.Null(config);
        Assert.Equal(["$.feature_management.feature_flags[0].allocation.default_when_disabled: required while the experiment is disabled (its users need a variant)"], errors);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_not_only_the_first()
    {
        var (config, errors) = ExperimentsConfigParser.Parse("""
            { "placements": { "home": "missing" },
              "feature_management": { "feature_flags": [
                { "id": "x", "enabled": "yes", "variants": [ { "name": "a", "configuration_value": { "models": [] } } ] } ] } }
            """);

        Assert.Null(config);
        Assert.Equal(
            new[]
            {
                "$.feature_management.feature_flags[0].enabled",
                "$.feature_management.feature_flags[0].variants[0].configuration_value.strategy",
                "$.feature_management.feature_flags[0].variants[0].configuration_value.models",
                "$.placements.home",
            }.Order(StringComparer.Ordinal),
            errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_variant_with_policy_errors_is_not_also_reported_as_undefined_where_it_is_referenced()
    {
        var (config, errors) = ExperimentsConfigParser.Parse(Lists("""
            { "default_when_enabled": "a", "percentile": [ { "variant": "a", "from": 0, "to": 100 } ], "user": [ { "variant": "a", "users": ["u1"] } ] }
            """).Replace("\"models\": [\"als\"]", "\"models\": []", StringComparison.Ordinal));

        Assert.Null(config);
        Assert.Equal(["$.feature_management.feature_flags[0].variants[0].configuration_value.models: required non-empty array of model names"], errors);
    }

    [Fact]
    public void Names_must_be_unique_placements_flags_and_variants()
    {
        var (config, errors) = ExperimentsConfigParser.Parse("""
            { "placements": { "home": "x", "home": "x" },
              "feature_management": { "feature_flags": [
                { "id": "x", "enabled": true, "variants": [
                    { "name": "a", "configuration_value": { "strategy": "cascade", "models": ["als"] } },
                    { "name": "a", "configuration_value": { "strategy": "cascade", "models": ["sar"] } } ],
                  "allocation": { "default_when_enabled": "a" } },
                { "id": "x", "enabled": true, "variants": [ { "name": "a", "configuration_value": { "strategy": "cascade", "models": ["als"] } } ],
                  "allocation": { "default_when_enabled": "a" } } ] } }
            """);

        Assert.Null(config);
        Assert.Equal(
            new[]
            {
                "$.feature_management.feature_flags[0].variants[1].name: duplicate variant 'a'",
                "$.feature_management.feature_flags[1].id: duplicate id 'x'",
                "$.placements.home: the placement is listed twice",
            }.Order(StringComparer.Ordinal),
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_shipped_experiments_json_parses()
    {
        var (config, errors) = ExperimentsConfigParser.Parse(File.ReadAllText(Path.Combine(RunningService.RepositoryRoot(), "experiments.json")));

        Assert.Empty(errors);
        Assert.Equal("home-ranker", config!.Placements["home"]);
        Assert.Equal(["control", "blend"], config.Experiments["home-ranker"].VariantNames!);
    }
}
