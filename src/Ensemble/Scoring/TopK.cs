using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>Partial selection of the best k entries of a dense score vector.</summary>
public static class TopK
{
    public static ScoredItem[] Select(ReadOnlySpan<float> scores, int k, ExclusionFilter exclude)
    {
        var heap = new TopKHeap(Math.Min(k, scores.Length));
        var threshold = heap.Threshold;
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            // '>=' lets an equal score with a lower index displace the heap minimum (ties go to lower ids).
            if (s >= threshold && !exclude.Contains(i) && heap.Offer(i, s))
                threshold = heap.Threshold;
        }
        return heap.ToSortedArray();
    }
}
