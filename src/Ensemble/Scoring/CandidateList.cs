namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Items whose approximate score came within the error bound of the running k-th best, kept for the exact re-score.
/// When it grows, entries that have fallen below the (only ever rising) cut are dropped, so its size tracks the items
/// near the top rather than the items seen.
/// </summary>
internal sealed class CandidateList
{
    private const int InitialCapacity = 256;
    private const int MinimumCompactionSize = 1024;

    private int[] _items = new int[InitialCapacity];
    private float[] _scores = new float[InitialCapacity];
    private int _compactAt = MinimumCompactionSize;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    public ReadOnlySpan<float> Scores => _scores.AsSpan(0, Count);

    /// <param name="cut">The current cut: entries below it can no longer qualify.</param>
    public void Add(int item, float score, float cut)
    {
        if (Count == _compactAt)
        {
            Compact(cut);
            _compactAt = Math.Max(MinimumCompactionSize, 2 * Count);
        }
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, 2 * Count);
            Array.Resize(ref _scores, 2 * Count);
        }
        _items[Count] = item;
        _scores[Count] = score;
        Count++;
    }

    private void Compact(float cut)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_scores[i] >= cut)
            {
                _items[kept] = _items[i];
                _scores[kept] = _scores[i];
                kept++;
            }
        }
        Count = kept;
    }
}
