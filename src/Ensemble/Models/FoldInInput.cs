namespace Recommender.Ensemble.Models;

/// <summary>
/// The argument checks every <see cref="IRecommender.RecommendFromItems"/> makes before folding in a history: one
/// weight per item (or none) and item indices inside the model's catalogue.
/// </summary>
internal static class FoldInInput
{
    /// <exception cref="ArgumentException">Weights given, but not one per item.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item outside 0..<paramref name="itemCount"/> − 1.</exception>
    public static void Check(ReadOnlySpan<int> items, ReadOnlySpan<float> weights, int itemCount)
    {
        if (!weights.IsEmpty && weights.Length != items.Length)
            throw new ArgumentException($"Got {weights.Length} weights for {items.Length} items.", nameof(weights));
        foreach (var item in items)
        {
            if ((uint)item >= (uint)itemCount)
                throw new ArgumentOutOfRangeException(nameof(items), item, $"Item indices must be in 0..{itemCount - 1}.");
        }
    }
}
