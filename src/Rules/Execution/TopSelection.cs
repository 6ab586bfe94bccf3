namespace Recommender.Rules.Execution;

/// <summary>
/// Puts the best <c>m</c> survivors, in order, at the front of a span in O(n log m), leaving the rest behind them
/// unordered. A request needs the top k of a pool that is often 50–100 times larger, so sorting the whole pool
/// would be most of the work.
/// </summary>
internal static class TopSelection
{
    public static void MoveBestToFront(Span<Survivor> survivors, int m)
    {
        if (m >= survivors.Length)
        {
            if (!SurvivorOrder.IsSorted(survivors))
                survivors.Sort(default(SurvivorOrder));
            return;
        }
        if (m <= 0)
            return;

        // A heap of the best m seen so far, with the worst of them at the root: a newcomer only has to beat the root.
        var heap = survivors[..m];
        for (var i = m / 2 - 1; i >= 0; i--)
            SiftDown(heap, i);
        var order = default(SurvivorOrder);
        for (var i = m; i < survivors.Length; i++)
        {
            if (order.Compare(survivors[i], heap[0]) < 0)
            {
                (survivors[i], heap[0]) = (heap[0], survivors[i]);
                SiftDown(heap, 0);
            }
        }
        heap.Sort(order);
    }

    // Root = the element that comes last in SurvivorOrder.
    private static void SiftDown(Span<Survivor> heap, int i)
    {
        var order = default(SurvivorOrder);
        while (true)
        {
            var worst = i;
            var left = 2 * i + 1;
            var right = left + 1;
            if (left < heap.Length && order.Compare(heap[left], heap[worst]) > 0)
                worst = left;
            if (right < heap.Length && order.Compare(heap[right], heap[worst]) > 0)
                worst = right;
            if (worst == i)
                return;
            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }
}
