namespace Recommender.Experiments.Exposures;

/// <summary>One item of an exposure.</summary>
/// <param name="ItemId">The item shown.</param>
/// <param name="Position">1-based position in the response (the API's rank).</param>
/// <param name="Score">
/// The final score the item was ranked by, as the response gave it (single precision). Kept as a float so that the
/// stored JSON holds the shortest text that round-trips it (2.3636777, not 2.3636777400970459): a tenth less to
/// write for every exposure.
/// </param>
public readonly record struct ExposedItem(string ItemId, int Position, float Score);
