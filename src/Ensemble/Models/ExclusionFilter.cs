namespace Recommender.Ensemble.Models;

/// <summary>
/// Items that must not be recommended, as up to two sorted index lists (typically a user's seen items straight
/// from the CSR row, and the caller's exclusions), so no merged copy is ever made. Lookups are binary searches,
/// done only for candidates good enough to enter the top-K.
/// </summary>
public readonly ref struct ExclusionFilter
{
    private readonly ReadOnlySpan<int> _first;
    private readonly ReadOnlySpan<int> _second;

    public ExclusionFilter(ReadOnlySpan<int> sortedFirst, ReadOnlySpan<int> sortedSecond = default)
    {
        _first = sortedFirst;
        _second = sortedSecond;
    }

    public static ExclusionFilter None => default;

    public bool IsEmpty => _first.IsEmpty && _second.IsEmpty;

    public int Count => _first.Length + _second.Length;

    public bool Contains(int item) =>
        (!_first.IsEmpty && _first.BinarySearch(item) >= 0) || (!_second.IsEmpty && _second.BinarySearch(item) >= 0);

    /// <summary>
    /// Sets the score of every excluded index to −∞ in a dense score vector the caller owns: O(excluded) writes
    /// instead of a lookup per candidate. Indices beyond the vector are ignored.
    /// </summary>
    public void Mask(Span<float> scores)
    {
        foreach (var item in _first)
        {
            if ((uint)item < (uint)scores.Length)
                scores[item] = float.NegativeInfinity;
        }
        foreach (var item in _second)
        {
            if ((uint)item < (uint)scores.Length)
                scores[item] = float.NegativeInfinity;
        }
    }

    /// <summary>A sorted, de-duplicated copy of <paramref name="items"/>, ready to be an exclusion list.</summary>
    public static int[] Sorted(ReadOnlySpan<int> items)
    {
        var copy = items.ToArray();
        Array.Sort(copy);
        var write = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            if (write == 0 || copy[write - 1] != copy[i])
                copy[write++] = copy[i];
        }
        return write == copy.Length ? copy : copy[..write];
    }
}
