namespace Recommender.Experiments.Simulation;

/// <summary>Every user gets the same relevances from a variant: variants differ only in how good their lists are.</summary>
public sealed class FixedSlates : ISlateSource
{
    private readonly Dictionary<string, double[]> _slates;

    public FixedSlates(IReadOnlyDictionary<string, IReadOnlyList<double>> relevancesByVariant)
    {
        ArgumentNullException.ThrowIfNull(relevancesByVariant);
        _slates = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (variant, relevances) in relevancesByVariant)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(variant, nameof(relevancesByVariant));
            ArgumentNullException.ThrowIfNull(relevances, nameof(relevancesByVariant));
            if (relevances.Any(r => !(r >= 0 && r <= 1)))
                throw new ArgumentOutOfRangeException(nameof(relevancesByVariant), $"The relevances of '{variant}' must lie in [0, 1].");
            _slates.Add(variant, [.. relevances]);
        }
    }

    /// <summary>A list of <paramref name="length"/> items of the same relevance per variant (e.g. control 0.6, weakened 0.54).</summary>
    public static FixedSlates Uniform(int length, IReadOnlyDictionary<string, double> relevanceByVariant)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentNullException.ThrowIfNull(relevanceByVariant);
        return new FixedSlates(relevanceByVariant.ToDictionary(
            v => v.Key, v => (IReadOnlyList<double>)Enumerable.Repeat(v.Value, length).ToArray(), StringComparer.Ordinal));
    }

    public IReadOnlyList<double> Relevances(SimulatedUser user, string variant) =>
        _slates.TryGetValue(variant, out var slate) ? slate : throw new KeyNotFoundException($"No slate for variant '{variant}'.");
}
