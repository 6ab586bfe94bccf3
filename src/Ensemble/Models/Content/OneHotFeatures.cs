using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// One-hot encoding of token lists (categories, metadata), one row per list. With IDF weighting a token carried
/// by every item counts little and a rare one much, as in TF-IDF: the smoothed form ln((1 + n) / (1 + df)) + 1
/// keeps every present token's weight positive.
/// </summary>
internal static class OneHotFeatures
{
    public static CsrMatrix Build(IReadOnlyList<List<string>> tokensPerRow, bool inverseDocumentFrequency)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequency = new List<int>();
        var rows = new List<int[]>(tokensPerRow.Count);
        foreach (var tokens in tokensPerRow)
        {
            var columns = new SortedSet<int>();
            foreach (var token in tokens)
            {
                if (!vocabulary.TryGetValue(token, out var column))
                {
                    column = vocabulary.Count;
                    vocabulary.Add(token, column);
                    documentFrequency.Add(0);
                }
                if (columns.Add(column))
                    documentFrequency[column]++;
            }
            rows.Add([.. columns]);
        }

        var builder = new SparseRowBuilder(vocabulary.Count);
        var n = tokensPerRow.Count;
        foreach (var columns in rows)
        {
            foreach (var column in columns)
                builder.Add(column, inverseDocumentFrequency ? (float)(Math.Log((1.0 + n) / (1.0 + documentFrequency[column])) + 1) : 1f);
            builder.EndRow();
        }
        return builder.Build();
    }
}
