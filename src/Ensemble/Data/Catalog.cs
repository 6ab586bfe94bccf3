namespace Recommender.Ensemble.Data;

/// <summary>The items a data set describes, looked up by id.</summary>
public sealed class Catalog
{
    private readonly Dictionary<string, CatalogItem> _byId;

    public Catalog(IEnumerable<CatalogItem> items)
    {
        _byId = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!_byId.TryAdd(item.Id, item))
                throw new ArgumentException($"Duplicate catalog item id '{item.Id}'.", nameof(items));
        }
        Items = _byId.Values.ToArray();
    }

    public static Catalog Empty { get; } = new([]);

    public IReadOnlyList<CatalogItem> Items { get; }

    public int Count => Items.Count;

    public bool TryGet(string id, out CatalogItem item) => _byId.TryGetValue(id, out item!);
}
