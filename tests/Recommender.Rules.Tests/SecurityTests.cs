using Recommender.Rules.Tests.TestData;
using static Recommender.Rules.Tests.TestData.Candidates;

namespace Recommender.Rules.Tests;

/// <summary>
/// Expressions come from files that people edit; they must not reach the file system, processes, the environment,
/// reflection or the network. Each attempt below is refused when the file loads (so it never runs), with the rule
/// named, whether it sits in a condition, a factor or a diversity key, at the top level or inside a lambda.
/// </summary>
public class SecurityTests
{
    public static TheoryData<string> Escapes() =>
    [
        // File system
        "System.IO.File.ReadAllText(\"/etc/passwd\") != \"\"",
        "File.Exists(\"/etc/passwd\")",
        "Directory.GetFiles(\"/\").Length > 0",
        "System.IO.Directory.Exists(\"/\")",
        "new System.IO.FileInfo(\"/etc/passwd\").Length > 0",
        "item.Categories.OfType(\"System.IO.FileInfo\").Any()",
        "item.Categories.Cast(\"System.IO.DirectoryInfo\").Any()",
        // Processes
        "System.Diagnostics.Process.Start(\"sh\") != null",
        "Process.GetCurrentProcess().Id > 0",
        // Environment
        "Environment.GetEnvironmentVariable(\"HOME\") != null",
        "System.Environment.GetEnvironmentVariable(\"PATH\") != null",
        "Environment.Exit(1) == null",
        "Environment.CurrentDirectory != \"\"",
        "AppContext.BaseDirectory != \"\"",
        "AppDomain.CurrentDomain.BaseDirectory != \"\"",
        // Reflection
        "item.GetType().Assembly.Location != \"\"",
        "item.GetType().Name == \"RuleItem\"",
        "user.GetType().Assembly.GetType(\"System.IO.File\") != null",
        "item.Title.GetType().GetMethod(\"Trim\") != null",
        "typeof(System.IO.File).GetMethod(\"ReadAllText\").Invoke(null, null) != null",
        "Type.GetType(\"System.IO.File\") != null",
        "Activator.CreateInstance(\"System.Net.WebClient\") != null",
        "System.Activator.CreateInstance(Type.GetType(\"System.Net.WebClient\")) != null",
        "System.Reflection.Assembly.Load(\"System.IO\") != null",
        "item.Categories.Any(c => c.GetType().Assembly.FullName != \"\")",
        "item.Categories.Select(c => c.GetType()).Any()",
        // Network
        "new System.Net.WebClient() != null",
        "new System.Net.Http.HttpClient() != null",
        "new HttpClient().GetStringAsync(\"http://127.0.0.1/\") != null",
        "System.Net.Sockets.Socket.OSSupportsIPv4",
        "System.Net.Dns.GetHostName() != \"\"",
        // Types the parser knows but rules have no use for (outside the allow-list)
        "Uri.EscapeDataString(item.Title) != \"\"",
        "Guid.NewGuid() != Guid.Empty",
        "Convert.ToInt32(\"1\") == 1",
        // Unbounded sequences made from nothing
        "Enumerable.Range(0, 2000000000).Count() > 0",
        "Enumerable.Repeat(item.Title, 2000000000).Count() > 0",
    ];

    [Theory]
    [MemberData(nameof(Escapes))]
    public void An_escape_in_a_condition_is_refused_at_load(string expression) =>
        AssertRefused(new { name = "attempt", kind = "filter", when = expression }, "when");

    [Theory]
    [MemberData(nameof(Escapes))]
    public void An_escape_in_a_factor_is_refused_at_load(string expression) =>
        AssertRefused(new { name = "attempt", kind = "boost", factor = $"({expression}) ? 2.0 : 1.0" }, "factor");

    [Theory]
    [MemberData(nameof(Escapes))]
    public void An_escape_in_a_diversity_key_is_refused_at_load(string expression) =>
        AssertRefused(new { name = "attempt", kind = "diversity", byExpression = $"({expression}) ? \"a\" : \"b\"", max = 1 }, "byExpression");

    [Fact]
    public void The_reason_says_which_construct_is_outside_the_allow_list()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "leak", kind = "filter", when = "item.GetType().Assembly.Location != \"\"" });
        using var host = folder.Host();

        var refusal = host.Status.LastRefusal!;

        Assert.Equal("leak", refusal.Rule);
        Assert.Equal("\"when\" uses the member System.Reflection.Assembly.Location, outside the allowed types", refusal.Reason);
    }

    [Fact]
    public void A_disabled_rule_is_vetted_too()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "dormant", kind = "filter", when = "File.Exists(\"/etc/passwd\")", enabled = false });
        using var host = folder.Host();

        Assert.False(host.HasWorkflow("w"));
        Assert.Equal("dormant", host.Status.LastRefusal?.Rule);
    }

    public static TheoryData<string> Allowed() =>
    [
        "Math.Log(1 + (item.Price ?? 0)) > 1.5",
        "Math.Max(candidate.Score, 0.5) > 0.7 && Math.Abs(candidate.Rank - 3) < 2",
        "item.Title.ToLower().Contains(\"star\") || item.Title.StartsWith(\"A\")",
        "string.IsNullOrEmpty(user.Country) || item.IsAvailableIn(user.Country)",
        "item.Categories.Any(c => user.Segments.Contains(c))",
        "item.Categories.Count(c => c.Length > 3) >= 2",
        "item.Tags.Select(t => t.ToUpper()).Contains(\"NEW\")",
        "item.CreatedAt < context.Now.AddDays(-30)",
        "item.CreatedAt.HasValue && item.CreatedAt.Value.Year < 2000",
        "DateTime.UtcNow.Year > 2000 && TimeSpan.FromDays(2).TotalHours == 48",
        "context.DaysSince(item.CreatedAt) > 7 && context.Has(\"device\")",
        "user.Age >= 18 && user.InSegment(\"adults\") && user.Gender != \"\"",
        "item.Title.ToString() == item.Id.ToString() || item.Id.Equals(\"x\")",
        "iif(item.Price > 10, 1, 0) == 1",
        "item.Categories.Count > 0 && item.Categories[0] == \"Drama\"",
    ];

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Ordinary_expressions_over_the_inputs_are_accepted(string expression)
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", new { name = "ordinary", kind = "filter", when = expression });
        using var host = folder.Host();

        Assert.Null(host.Status.LastRefusal);
        Assert.True(host.HasWorkflow("w"));
        host.Apply("w", new RuleUser("u", 30, "f", "FR", ["Drama"]), Context(("device", "tv")), [Candidate("a", 1, "Drama", "Comedy")], k: 1);
    }

    private static void AssertRefused(object rule, string field)
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", rule);
        using var host = folder.Host();

        Assert.False(host.HasWorkflow("w"));
        var refusal = Assert.Single(host.Status.Refused);
        Assert.Equal("w.json", refusal.File);
        Assert.Equal("attempt", refusal.Rule);
        Assert.StartsWith($"\"{field}\" ", refusal.Reason);
    }
}
