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

    /// <summary>
    /// The same result as <see cref="Select"/> for a score vector the caller owns and lets this method overwrite:
    /// excluded entries are masked to −∞ first, so the scan compares scores only.
    /// </summary>
    public static ScoredItem[] SelectOverwriting(Span<float> scores, int k, ExclusionFilter exclude)
    {
        exclude.Mask(scores);
        var heap = new TopKHeap(Math.Min(k, scores.Length));
        var threshold = heap.Threshold;
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (s >= threshold && heap.Offer(i, s))
                threshold = heap.Threshold;
        }
        var best = heap.ToSortedArray();
        // Fewer allowed items than k: the masked ones fill the tail and are not results.
        var allowed = best.Length;
        while (allowed > 0 && float.IsNegativeInfinity(best[allowed - 1].Score))
            allowed--;
        return allowed == best.Length ? best : best[..allowed];
    }
}
