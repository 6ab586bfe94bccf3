using Recommender.Rules.Tests.TestData;

namespace Recommender.Rules.Tests;

public class WorkflowFormatTests
{
    [Theory]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ }", null, "not a valid workflow file: ")]
    [InlineData("null", null, "the file holds JSON null instead of a workflow object")]
    [InlineData("{ \"workflow\": \"other\", \"rules\": [] }", null, "\"workflow\" is 'other' but must equal the file name 'w'")]
    [InlineData("{ \"workflow\": \"w\" }", null, "\"rules\" is missing (use [] for a workflow that does nothing)")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [], \"extra\": 1 }", null, "not a valid workflow file: ")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"kind\": \"filter\", \"when\": \"true\" } ] }", null, "rules[0] has no \"name\"")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"bad name\", \"kind\": \"filter\", \"when\": \"true\" } ] }", "bad name", "a rule name may hold only letters, digits, '-', '_' and '.'")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"sort\" } ] }", "r", "unknown kind 'sort' (filter, boost, bury or diversity)")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\" } ] }", "r", "\"kind\" is missing (filter, boost, bury or diversity)")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"filter\", \"wehn\": \"true\" } ] }", null, "not a valid workflow file: ")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"filter\" } ] }", "r", "\"when\" is missing or empty")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"filter\", \"when\": \"true\", \"factor\": 2 } ] }", "r", "\"factor\" does not apply to a filter rule")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"filter\", \"when\": \"true\", \"onError\": \"ignore\" } ] }", "r", "\"onError\" must be 'drop' or 'keep', not 'ignore'")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"boost\", \"when\": \"true\" } ] }", "r", "\"factor\" is missing")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"boost\", \"factor\": 0.5 } ] }", "r", "a boost factor must be at least 1 (use a bury rule to lower scores), not 0.5")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"bury\", \"factor\": 1.5 } ] }", "r", "a bury factor must be greater than 0 and at most 1 (use a boost rule to raise scores), not 1.5")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"bury\", \"factor\": 0 } ] }", "r", "a bury factor must be greater than 0 and at most 1 (use a boost rule to raise scores), not 0")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"bury\", \"factor\": true } ] }", "r", "\"factor\" must be a number or a non-empty expression string")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"boost\", \"factor\": 2, \"max\": 3 } ] }", "r", "\"max\" does not apply to a boost rule")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"diversity\", \"by\": \"categories\" } ] }", "r", "\"max\" must be a whole number of at least 1")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"diversity\", \"by\": \"categories\", \"max\": 0 } ] }", "r", "\"max\" must be a whole number of at least 1")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"diversity\", \"max\": 2 } ] }", "r", "a diversity rule needs exactly one of \"by\" and \"byExpression\"")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"diversity\", \"by\": \"genre\", \"max\": 2 } ] }", "r", "unknown \"by\" 'genre' (categories, tags, regions, ageRating; or use \"byExpression\")")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"diversity\", \"by\": \"tags\", \"max\": 2, \"when\": \"true\" } ] }", "r", "\"when\" does not apply to a diversity rule")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"filter\", \"when\": \"true\" }, { \"name\": \"r\", \"kind\": \"filter\", \"when\": \"false\" } ] }", "r", "the name is used by another rule of this workflow")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"filter\", \"when\": \"item.Price\" } ] }", "r", "\"when\" does not compile: ")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"boost\", \"factor\": \"item.Title\" } ] }", "r", "\"factor\" does not compile: ")]
    [InlineData("{ \"workflow\": \"w\", \"rules\": [ { \"name\": \"r\", \"kind\": \"filter\", \"when\": \"item.InStock &&\" } ] }", "r", "\"when\" does not compile: ")]
    public void A_malformed_workflow_is_refused_with_rule_and_reason(string json, string? rule, string reason)
    {
        using var folder = new RulesFolder();
        folder.Write("w.json", json);
        using var host = folder.Host();

        var refusal = Assert.Single(host.Status.Refused);
        Assert.Equal(rule, refusal.Rule);
        Assert.StartsWith(reason, refusal.Reason);
        Assert.False(host.HasWorkflow("w"));
    }

    [Fact]
    public void More_than_64_rules_are_refused()
    {
        using var folder = new RulesFolder();
        folder.WriteWorkflow("w", Enumerable.Range(0, 65).Select(i => (object)new { name = $"r{i}", kind = "filter", when = "false" }).ToArray());
        using var host = folder.Host();

        Assert.Equal("65 rules; at most 64 are allowed", host.Status.LastRefusal?.Reason);
    }

    [Fact]
    public void Exactly_64_rules_load_and_the_last_one_reports_firing()
    {
        using var folder = new RulesFolder();
        var rules = Enumerable.Range(0, 63).Select(i => (object)new { name = $"r{i}", kind = "filter", when = "false" })
            .Append(new { name = "last", kind = "boost", factor = 2 }).ToArray();
        folder.WriteWorkflow("w", rules);
        using var host = folder.Host();

        var result = host.Apply("w", RuleUser.Anonymous, Candidates.Context(), [Candidates.Candidate("a", 1)], k: 1);

        Assert.Equal(["last"], result.Items.Single().FiredRules);
        Assert.Equal(2.0, result.Items.Single().Score);
    }

    [Fact]
    public void Files_other_than_json_are_ignored()
    {
        using var folder = new RulesFolder();
        folder.Write("notes.txt", "not a workflow");
        folder.Write("w.json.bak", "{");
        folder.WriteWorkflow("w");
        using var host = folder.Host();

        Assert.Equal(["w"], host.WorkflowNames);
        Assert.Null(host.Status.LastRefusal);
    }
}
