using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;

namespace Recommender.Ensemble.Tests.Strategies;

public sealed class CandidatePoolTests
{
    [Fact]
    public void Rows_follow_first_appearance_and_keep_what_each_source_said()
    {
        var als = new CandidateList("als", [new ScoredItem(7, 0.9f), new ScoredItem(3, 0.5f), new ScoredItem(7, 0.1f)]);
        var ease = new CandidateList("ease", [new ScoredItem(5, 2f), new ScoredItem(7, 1f)]);

        var pool = CandidatePool.Build([als, ease]);

        Assert.Equal([7, 3, 5], pool.Items.ToArray());
        // Item 7: first in ALS (its repeat at rank 3 is ignored), second in EASE.
        Assert.Equal([new SourceScore(0.9f, 1), new SourceScore(1f, 2)], pool.EvidenceOf(0).ToArray());
        Assert.Equal([new SourceScore(0.5f, 2), SourceScore.Absent], pool.EvidenceOf(1).ToArray());
        Assert.Equal([SourceScore.Absent, new SourceScore(2f, 1)], pool.EvidenceOf(2).ToArray());
    }

    [Fact]
    public void A_large_pool_of_colliding_items_matches_a_dictionary_built_union()
    {
        // 1,500 + 1,500 items, half shared, all multiples of 4,096 (the same low bits) so the table has to probe.
        var first = Enumerable.Range(0, 1_500).Select(i => new ScoredItem(i * 4_096, 1f / (i + 1))).ToArray();
        var second = Enumerable.Range(750, 1_500).Reverse().Select((v, r) => new ScoredItem(v * 4_096, -r)).ToArray();

        var pool = CandidatePool.Build([new CandidateList("a", first), new CandidateList("b", second)]);

        var expectedOrder = first.Select(s => s.Item).Concat(second.Select(s => s.Item).Where(i => i / 4_096 >= 1_500)).ToArray();
        Assert.Equal(expectedOrder, pool.Items.ToArray());
        var rankInSecond = second.Select((s, r) => (s.Item, Rank: r + 1)).ToDictionary(x => x.Item, x => x.Rank);
        for (var row = 0; row < pool.Count; row++)
        {
            var item = pool.Items[row];
            var inFirst = item / 4_096 < 1_500;
            Assert.Equal(inFirst ? item / 4_096 + 1 : 0, pool.Evidence(row, 0).Rank);
            Assert.Equal(rankInSecond.GetValueOrDefault(item), pool.Evidence(row, 1).Rank);
        }
    }

    [Fact]
    public void No_sources_or_empty_lists_make_an_empty_pool()
    {
        Assert.Equal(0, CandidatePool.Build([]).Count);
        Assert.Equal(0, CandidatePool.Build([new CandidateList("a", []), new CandidateList("b", [])]).Count);
    }
}
