using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Keeps the best k (score, item) pairs seen so far in a min-heap; ties go to the lower item index so results
/// are deterministic. <see cref="Threshold"/> lets a hot loop reject most candidates with one comparison.
/// </summary>
public sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly int[] _items;
    private int _count;

    public TopKHeap(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        _scores = new float[k];
        _items = new int[k];
        Capacity = k;
    }

    public int Capacity { get; }

    public int Count => _count;

    /// <summary>The score a candidate must reach to be considered; -∞ until the heap is full.</summary>
    public float Threshold => _count < Capacity ? float.NegativeInfinity : _scores[0];

    /// <summary>The kept items in heap order (not sorted), parallel to <see cref="Scores"/>.</summary>
    public ReadOnlySpan<int> Items => _items.AsSpan(0, _count);

    /// <summary>The kept scores in heap order (not sorted), parallel to <see cref="Items"/>.</summary>
    public ReadOnlySpan<float> Scores => _scores.AsSpan(0, _count);

    public void Clear() => _count = 0;

    /// <summary>Offers a candidate; returns whether it was kept.</summary>
    public bool Offer(int item, float score)
    {
        if (Capacity == 0 || float.IsNaN(score))
            return false;
        if (_count < Capacity)
        {
            var at = _count++;
            _scores[at] = score;
            _items[at] = item;
            SiftUp(at);
            return true;
        }
        if (!Better(score, item, _scores[0], _items[0]))
            return false;
        _scores[0] = score;
        _items[0] = item;
        SiftDown(0);
        return true;
    }

    /// <summary>The kept items, best first. Empties the heap.</summary>
    public ScoredItem[] ToSortedArray()
    {
        // Heap sort in place: popping the minimum fills the result from the back, with no comparison delegate.
        var result = new ScoredItem[_count];
        while (_count > 0)
        {
            var last = --_count;
            result[last] = new ScoredItem(_items[0], _scores[0]);
            _scores[0] = _scores[last];
            _items[0] = _items[last];
            SiftDown(0);
        }
        return result;
    }

    /// <summary>Whether (s1, i1) ranks above (s2, i2): higher score, then lower index.</summary>
    public static bool Better(float s1, int i1, float s2, int i2) => s1 > s2 || (s1 == s2 && i1 < i2);

    private void SiftUp(int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) >> 1;
            if (!Better(_scores[parent], _items[parent], _scores[at], _items[at]))
                break;
            Swap(at, parent);
            at = parent;
        }
    }

    private void SiftDown(int at)
    {
        while (true)
        {
            var left = 2 * at + 1;
            if (left >= _count)
                return;
            var worst = left;
            var right = left + 1;
            if (right < _count && Better(_scores[left], _items[left], _scores[right], _items[right]))
                worst = right;
            if (!Better(_scores[at], _items[at], _scores[worst], _items[worst]))
                return;
            Swap(at, worst);
            at = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_items[a], _items[b]) = (_items[b], _items[a]);
    }
}
