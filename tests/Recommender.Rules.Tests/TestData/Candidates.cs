namespace Recommender.Rules.Tests.TestData;

/// <summary>Small builders for rule inputs.</summary>
internal static class Candidates
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static RuleContext Context(params (string Key, object? Value)[] values) =>
        new(Now, values.Select(v => KeyValuePair.Create(v.Key, v.Value)));

    public static RankedCandidate Candidate(string id, double score, params string[] categories) =>
        new(new RuleItem(id, title: id, categories: categories), score);

    public static RankedCandidate Candidate(RuleItem item, double score, IReadOnlyDictionary<string, double>? sources = null) =>
        new(item, score, sources);

    public static string[] Ids(RerankResult result) => result.Items.Select(i => i.Item.Id).ToArray();
}
