using System.Diagnostics.CodeAnalysis;

namespace Recommender.Ensemble.Registry;

/// <summary>The model kinds a registry can create and load, by name.</summary>
public sealed class ModelKindCatalog
{
    private readonly Dictionary<string, ModelKind> _kinds;

    public ModelKindCatalog(IEnumerable<ModelKind> kinds)
    {
        _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _kinds.Keys;

    public bool TryGet(string name, [MaybeNullWhen(false)] out ModelKind kind) => _kinds.TryGetValue(name, out kind);

    public ModelKind Get(string name) =>
        _kinds.TryGetValue(name, out var kind)
            ? kind
            : throw new ArgumentException($"Unknown model kind '{name}'. Known: {string.Join(", ", _kinds.Keys.Order())}.", nameof(name));
}
