namespace Recommender.Ensemble.Data;

/// <summary>
/// Maps external string ids (user or item) to dense indices 0..Count-1 in order of first appearance.
/// Models and matrices work on indices; ids only cross the boundary at load and respond time.
/// </summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _indexById;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexBySpan;
    private readonly List<string> _ids;

    public IdMap() : this(0) { }

    public IdMap(int capacity)
    {
        _indexById = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _ids = new List<string>(capacity);
        _indexBySpan = _indexById.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static IdMap FromIds(IEnumerable<string> ids)
    {
        var map = new IdMap();
        foreach (var id in ids)
        {
            if (map._indexById.ContainsKey(id))
                throw new ArgumentException($"Duplicate id '{id}'.", nameof(ids));
            map.GetOrAdd(id);
        }
        return map;
    }

    public int Count => _ids.Count;

    public IReadOnlyList<string> Ids => _ids;

    public string this[int index] => _ids[index];

    public int GetOrAdd(string id)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_indexById, id, out var exists);
        if (!exists)
        {
            slot = _ids.Count;
            _ids.Add(id);
        }
        return slot;
    }

    /// <summary>
    /// Same as <see cref="GetOrAdd(string)"/> for an id still in a parse buffer: a string is only allocated the
    /// first time an id is seen, which keeps loaders of millions of rows free of per-row allocations.
    /// </summary>
    public int GetOrAdd(ReadOnlySpan<char> id) =>
        _indexBySpan.TryGetValue(id, out var index) ? index : GetOrAdd(id.ToString());

    public bool TryGetIndex(string id, out int index) => _indexById.TryGetValue(id, out index);

    public bool TryGetIndex(ReadOnlySpan<char> id, out int index) => _indexBySpan.TryGetValue(id, out index);
}
