using System.Text.Json;
using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Tests.Models.Content;

public class ContentOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new ContentOptions();

        Assert.Equal(64, options.Dimensions);
        Assert.Equal(42, options.Seed);
        Assert.Equal(2, options.WordNgramLength);
        Assert.Equal(0, options.RecencyHalfLifeDays);
    }

    [Fact]
    public void Invalid_values_are_refused_by_the_constructor_and_by_with()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentOptions(Dimensions: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentOptions(WordNgramLength: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentOptions(CharNgramLength: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentOptions(CategoryWeight: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentOptions(RecencyHalfLifeDays: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentOptions() with { PowerIterations = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentOptions() with { WordWeight = -0.5f });
    }

    [Fact]
    public void A_model_needs_at_least_one_weighted_feature_block()
    {
        var nothing = new ContentOptions(WordWeight: 0, CharWeight: 1, CharNgramLength: 0, CategoryWeight: 0, MetadataWeight: 0);

        Assert.Throws<ArgumentException>(() => new ContentRecommender(nothing));
    }

    [Fact]
    public void Round_trips_through_the_registry_json()
    {
        var options = new ContentOptions(Dimensions: 32, Seed: 7, CharNgramLength: 0, RecencyHalfLifeDays: 14.5);

        var json = JsonSerializer.Serialize<object>(options, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<ContentOptions>(json, JsonSerializerOptions.Web);

        Assert.Equal(options, back);
        Assert.Contains("\"dimensions\":32", json);
    }
}
