using System.Text.Json;
using Recommender.Rules.Tests.TestData;

namespace Recommender.Rules.Tests;

public class RuleInputTests
{
    [Fact]
    public void Context_types_each_value_once_and_reads_missing_ones_as_neutral()
    {
        var context = new RuleContext(Candidates.Now, new Dictionary<string, object?>
        {
            ["placement"] = "home",
            ["kids"] = true,
            ["maxPrice"] = 20,
            ["ratio"] = 0.25m,
            ["ignored"] = null,
        });

        Assert.Equal("home", context.Text("placement"));
        Assert.True(context.Flag("kids"));
        Assert.Equal(20.0, context.Number("maxPrice"));
        Assert.Equal(0.25, context.Number("ratio"));
        Assert.Equal("", context.Text("maxPrice"));
        Assert.Equal("", context.Text("absent"));
        Assert.True(double.IsNaN(context.Number("placement")));
        Assert.Equal(7.0, context.Number("absent", 7));
        Assert.False(context.Flag("absent"));
        Assert.True(context.Has("kids"));
        Assert.False(context.Has("ignored"));
        Assert.Equal(2.5, context.DaysSince(Candidates.Now.AddHours(-60)));
        Assert.True(double.IsNaN(context.DaysSince(null)));
    }

    [Fact]
    public void Context_reads_a_request_json_object()
    {
        using var json = JsonDocument.Parse("""{ "device": "tv", "maxPrice": 12.5, "kids": false, "none": null }""");

        var context = new RuleContext(Candidates.Now, json.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)));

        Assert.Equal("tv", context.Text("device"));
        Assert.Equal(12.5, context.Number("maxPrice"));
        Assert.True(context.Has("kids"));
        Assert.False(context.Flag("kids"));
        Assert.False(context.Has("none"));
    }

    [Fact]
    public void Context_refuses_structured_values()
    {
        using var json = JsonDocument.Parse("""{ "list": [1, 2] }""");

        Assert.Throws<ArgumentException>(() => new RuleContext(Candidates.Now, json.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value))));
        Assert.Throws<ArgumentException>(() => new RuleContext(Candidates.Now, [KeyValuePair.Create<string, object?>("when", DateTime.UtcNow)]));
    }

    [Fact]
    public void Item_helpers_compare_ignoring_case_and_treat_unknowns_as_neutral()
    {
        var item = new RuleItem("i", categories: ["Sci-Fi", "Drama"], tags: ["New"], regions: ["FR"], createdAt: Candidates.Now.AddDays(-3));
        var unknown = new RuleItem("u");

        Assert.True(item.HasCategory("sci-fi"));
        Assert.True(item.HasTag("new"));
        Assert.True(item.HasAnyCategory(["Comedy", "drama"]));
        Assert.False(item.HasAnyCategory([]));
        Assert.True(item.IsAvailableIn("fr"));
        Assert.False(item.IsAvailableIn("US"));
        Assert.True(unknown.IsAvailableIn("US"));
        Assert.Equal(3.0, item.AgeInDays(Candidates.Now));
        Assert.True(double.IsNaN(unknown.AgeInDays(Candidates.Now)));
        Assert.Equal("", unknown.Title);
        Assert.Equal("", unknown.AgeRating);
        Assert.Empty(unknown.Categories);
        Assert.Throws<ArgumentException>(() => new RuleItem(""));
    }

    [Fact]
    public void User_defaults_to_unknown_everything()
    {
        var user = RuleUser.Anonymous;

        Assert.Equal("", user.Id);
        Assert.Null(user.Age);
        Assert.Equal("", user.Country);
        Assert.Empty(user.Segments);
        Assert.True(new RuleUser(segments: ["Comedy"]).InSegment("comedy"));
    }

    [Fact]
    public void Options_validate_the_debounce()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuleWorkflowHostOptions("x", debounce: TimeSpan.FromMinutes(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuleWorkflowHostOptions("x", debounce: TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => new RuleWorkflowHostOptions(" "));
        Assert.Equal(TimeSpan.FromMilliseconds(250), new RuleWorkflowHostOptions("x").Debounce);
        Assert.True(Path.IsPathFullyQualified(new RuleWorkflowHostOptions("x").Folder));
    }
}
