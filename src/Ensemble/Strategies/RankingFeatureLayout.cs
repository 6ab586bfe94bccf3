namespace Recommender.Ensemble.Strategies;

/// <summary>
/// The learned ranker's feature vector for one candidate. Per source the ranker was trained with, in that order:
/// <list type="bullet">
/// <item><c>&lt;source&gt;.rank</c>: 1-based rank in the source's list; <see cref="MissingRank"/> when absent;</item>
/// <item><c>&lt;source&gt;.score</c>, <c>.minmax</c>, <c>.zscore</c>: the raw score and its two normalisations over the
/// source's list; an absent item takes the floor, the value of the list's lowest item (as in the weighted blend);</item>
/// </list>
/// then <c>sources</c> (how many of those sources list the item), <c>popularity</c>, <c>content</c> (similarity to the
/// history), <c>age</c> (days) and <c>history</c> (the user's history length, so trees can treat light and heavy
/// users differently). Sources are matched to candidate lists by name; a source missing from the request looks like
/// a source that listed nothing.
/// </summary>
public sealed class RankingFeatureLayout
{
    /// <summary>Rank sentinel for an item a source did not list: beyond any real pool.</summary>
    public const float MissingRank = 100_000f;

    private const int PerSource = 4;
    private static readonly string[] SharedNames = ["sources", "popularity", "content", "age", "history"];

    public RankingFeatureLayout(IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
            throw new ArgumentException("A ranker needs at least one source.", nameof(sources));
        if (sources.Distinct(StringComparer.Ordinal).Count() != sources.Count)
            throw new ArgumentException("Source names must be distinct.", nameof(sources));
        Sources = [.. sources];
        var names = new List<string>();
        foreach (var source in Sources)
            names.AddRange([$"{source}.rank", $"{source}.score", $"{source}.minmax", $"{source}.zscore"]);
        names.AddRange(SharedNames);
        Names = names;
    }

    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>
    /// Features of every row of <paramref name="pool"/> (built from <paramref name="lists"/>), row-major
    /// pool rows × <see cref="Count"/>.
    /// </summary>
    public float[] Build(IReadOnlyList<CandidateList> lists, CandidatePool pool, StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(context);
        var features = context.Features
            ?? throw new ArgumentException("The learned ranker needs item features (StrategyContext.Features).", nameof(context));
        var width = Count;
        var result = new float[pool.Count * width];

        var listIndices = new int[Sources.Count];
        for (var s = 0; s < Sources.Count; s++)
        {
            var listIndex = listIndices[s] = IndexOf(lists, Sources[s]);
            var items = listIndex >= 0 ? lists[listIndex].Items : [];
            var minMax = new float[items.Length];
            var zScore = new float[items.Length];
            var minMaxFloor = ScoreNormalizer.Normalize(items, ScoreNormalization.MinMax, minMax);
            var zScoreFloor = ScoreNormalizer.Normalize(items, ScoreNormalization.ZScore, zScore);
            var rawFloor = items.Length > 0 ? items.Min(i => i.Score) : 0f;
            for (var row = 0; row < pool.Count; row++)
            {
                var slot = result.AsSpan(row * width + s * PerSource, PerSource);
                var evidence = listIndex >= 0 ? pool.Evidence(row, listIndex) : SourceScore.Absent;
                if (evidence.Present)
                {
                    slot[0] = evidence.Rank;
                    slot[1] = evidence.Score;
                    slot[2] = minMax[evidence.Rank - 1];
                    slot[3] = zScore[evidence.Rank - 1];
                }
                else
                {
                    slot[0] = MissingRank;
                    slot[1] = rawFloor;
                    slot[2] = minMaxFloor;
                    slot[3] = zScoreFloor;
                }
            }
        }

        var profile = features.ContentProfile(context.History.Span);
        var shared = Sources.Count * PerSource;
        for (var row = 0; row < pool.Count; row++)
        {
            var item = pool.Items[row];
            var present = 0;
            foreach (var listIndex in listIndices)
                present += listIndex >= 0 && pool.Evidence(row, listIndex).Present ? 1 : 0;
            var slot = result.AsSpan(row * width + shared, SharedNames.Length);
            slot[0] = present;
            slot[1] = features.Popularity(item);
            slot[2] = features.ContentSimilarity(profile, item);
            slot[3] = features.AgeDays(item);
            slot[4] = context.History.Length;
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<CandidateList> lists, string source)
    {
        for (var i = 0; i < lists.Count; i++)
        {
            if (string.Equals(lists[i].Source, source, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
