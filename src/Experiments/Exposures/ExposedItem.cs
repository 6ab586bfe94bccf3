namespace Recommender.Experiments.Exposures;

/// <summary>One item of an exposure.</summary>
/// <param name="ItemId">The item shown.</param>
/// <param name="Position">1-based position in the response (the API's rank).</param>
/// <param name="Score">The final score the item was ranked by.</param>
public readonly record struct ExposedItem(string ItemId, int Position, double Score);
