using System.Text.Json;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

public class StrategyCatalogTests
{
    private static readonly StrategyCatalog Catalog = StrategyCatalog.CreateDefault();

    private static IEnsembleStrategy Create(string policyJson, StrategyCatalog? catalog = null)
    {
        using var document = JsonDocument.Parse(policyJson);
        return (catalog ?? Catalog).Create(document.RootElement.Clone());
    }

    private static StrategyParameterException Refused(string policyJson, StrategyCatalog? catalog = null) =>
        Assert.Throws<StrategyParameterException>(() => Create(policyJson, catalog));

    [Fact]
    public void A_policy_builds_the_named_strategy_with_its_parameters()
    {
        var weighted = Assert.IsType<WeightedBlendStrategy>(Create("""
            { "strategy": "weighted", "weights": { "als": 0.7, "ease": 0.3 }, "normalization": "zscore", "rules": "default", "models": ["als", "ease"] }
            """));
        var rrf = Assert.IsType<ReciprocalRankFusionStrategy>(Create("""{ "strategy": "rrf", "k": 20 }"""));
        var cascade = Assert.IsType<CascadeStrategy>(Create("""{ "strategy": "cascade", "order": ["als", "popularity"], "minCandidates": 5 }"""));

        Assert.Equal(ScoreNormalization.ZScore, weighted.Options.Normalization);
        Assert.Equal(0.7f, weighted.Options.Weights!["als"]);
        Assert.Equal(20, rrf.Options.K);
        Assert.Null(rrf.Options.Weights);
        Assert.Equal(["als", "popularity"], cascade.Options.Order!);
        Assert.Equal(5, cascade.Options.MinCandidates);
    }

    [Fact]
    public void Defaults_apply_when_parameters_are_absent()
    {
        var weighted = Assert.IsType<WeightedBlendStrategy>(Create("""{ "strategy": "weighted" }"""));
        var rrf = Assert.IsType<ReciprocalRankFusionStrategy>(Create("""{ "strategy": "rrf" }"""));
        var cascade = Assert.IsType<CascadeStrategy>(Create("""{ "strategy": "cascade" }"""));

        Assert.Equal(ScoreNormalization.MinMax, weighted.Options.Normalization);
        Assert.Null(weighted.Options.Weights);
        Assert.Equal(60, rrf.Options.K);
        Assert.Null(cascade.Options.Order);
        Assert.Equal(1, cascade.Options.MinCandidates);
    }

    [Theory]
    [InlineData("""{ "strategy": "weighted", "weights": { "als": -1 } }""", "weights.als")]
    [InlineData("""{ "strategy": "weighted", "weights": { "als": "high" } }""", "weights.als")]
    [InlineData("""{ "strategy": "weighted", "weights": [0.5, 0.5] }""", "weights")]
    [InlineData("""{ "strategy": "weighted", "weights": { "als": 0, "ease": 0 } }""", "weights")]
    [InlineData("""{ "strategy": "weighted", "normalization": "l2" }""", "normalization")]
    [InlineData("""{ "strategy": "weighted", "normalization": 1 }""", "normalization")]
    [InlineData("""{ "strategy": "rrf", "k": -1 }""", "k")]
    [InlineData("""{ "strategy": "rrf", "k": "sixty" }""", "k")]
    [InlineData("""{ "strategy": "rrf", "weights": { "ease": -0.5 } }""", "weights.ease")]
    [InlineData("""{ "strategy": "cascade", "minCandidates": 0 }""", "minCandidates")]
    [InlineData("""{ "strategy": "cascade", "minCandidates": 2.5 }""", "minCandidates")]
    [InlineData("""{ "strategy": "cascade", "order": "als" }""", "order")]
    [InlineData("""{ "strategy": "cascade", "order": ["als", 3] }""", "order[1]")]
    [InlineData("""{ "strategy": "cascade", "order": ["als", "als"] }""", "order[1]")]
    [InlineData("""{ "strategy": "cascade", "order": [] }""", "order")]
    [InlineData("""{ "strategy": "learned" }""", "ranker")]
    [InlineData("""{ "strategy": "mystery" }""", "strategy")]
    [InlineData("""{ "strategy": 3 }""", "strategy")]
    [InlineData("""{ "weights": { "als": 1 } }""", "strategy")]
    public void A_bad_parameter_is_refused_naming_it(string policy, string parameter)
    {
        var error = Refused(policy);

        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"'{parameter}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_strategy_error_lists_the_known_ones()
    {
        var error = Refused("""{ "strategy": "mystery" }""");

        Assert.Contains("cascade, learned, rrf, weighted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_learned_strategy_resolves_its_ranker_through_the_store()
    {
        var ranker = LearnedRankerTests.PlantedRanker();
        string? askedName = null, askedVersion = null;
        var catalog = StrategyCatalog.CreateDefault((name, version) =>
        {
            (askedName, askedVersion) = (name, version);
            return ranker;
        });

        var strategy = Assert.IsType<LearnedRankerStrategy>(Create("""{ "strategy": "learned", "ranker": "home-ranker", "version": "3" }""", catalog));

        Assert.Same(ranker, strategy.Ranker);
        Assert.Equal(("home-ranker", "3"), (askedName, askedVersion));
        Assert.Equal("ranker", Refused("""{ "strategy": "learned", "ranker": "x" }""").Parameter);
    }

    [Fact]
    public void A_new_strategy_is_registered_without_touching_the_catalog_code()
    {
        var catalog = Catalog.With(new StrategyRegistration("first-only", p => new CascadeStrategy(new CascadeOptions(minCandidates: new StrategyParameters("first-only", p).WholeNumber("min", 1)))));

        var strategy = Create("""{ "strategy": "first-only", "min": 2 }""", catalog);

        Assert.Equal(2, Assert.IsType<CascadeStrategy>(strategy).Options.MinCandidates);
        Assert.Contains("first-only", catalog.Names);
        Assert.Contains("weighted", catalog.Names);
    }

    [Fact]
    public void Options_built_in_code_are_validated_the_same_way()
    {
        var error = Assert.Throws<StrategyParameterException>(() => new WeightedBlendOptions(new Dictionary<string, float> { ["als"] = float.NaN }));

        Assert.Equal("weights.als", error.Parameter);
        Assert.Equal("weighted", error.Strategy);
    }
}
