namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// What <see cref="SyntheticGenerator"/> produces. The same options (thread count aside) always give byte-identical files.
/// </summary>
/// <param name="Users">Users; each has at least one interaction, so all of them appear in interactions.csv.</param>
/// <param name="Items">Catalog size; popular items are drawn far more often, so some tail items may have no interaction.</param>
/// <param name="Interactions">Exact number of interaction rows; from Users (one each) to Users × Items (distinct pairs).</param>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="LatentFactors">Dimension of the hidden user and item taste vectors.</param>
/// <param name="PopularityExponent">Item popularity ∝ rank^-exponent (0 = uniform; 0.7 ≈ a typical catalog).</param>
/// <param name="Categories">Number of categories; items of one category share a taste centroid.</param>
/// <param name="Weights">Ratings 1–5 or implicit counts.</param>
/// <param name="ActivityDispersion">σ of the log-normal spread of interactions per user (0 = everyone equally active).</param>
/// <param name="ExplorationShare">Share of a user's draws made outside their favourite categories.</param>
/// <param name="CandidatesPerDraw">Popularity-drawn candidates among which each draw takes the best match for the user.</param>
/// <param name="Days">Length of the period the interactions are spread over.</param>
/// <param name="StartUnixSeconds">Start of that period (default 2024-01-01T00:00:00Z); items are created in the five years before it.</param>
/// <param name="Threads">Worker threads (0 = one per processor); does not change the output.</param>
public sealed record SyntheticOptions(
    int Users,
    int Items,
    long Interactions,
    int Seed,
    int LatentFactors = 16,
    double PopularityExponent = 0.7,
    int Categories = 20,
    SyntheticWeights Weights = SyntheticWeights.Ratings,
    double ActivityDispersion = 1.0,
    double ExplorationShare = 0.2,
    int CandidatesPerDraw = 8,
    int Days = 365,
    long StartUnixSeconds = 1_704_067_200,
    int Threads = 0)
{
    /// <summary>
    /// A small data set for demos and tests: 3,000 users, 2,000 items, 60,000 ratings — the three files come to
    /// about 2 MB together.
    /// </summary>
    public static SyntheticOptions Sample(int seed = 42) => new(Users: 3_000, Items: 2_000, Interactions: 60_000, Seed: seed);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Users, 1, nameof(Users));
        ArgumentOutOfRangeException.ThrowIfLessThan(Items, 1, nameof(Items));
        ArgumentOutOfRangeException.ThrowIfLessThan(Interactions, Users, nameof(Interactions));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Interactions, (long)Users * Items, nameof(Interactions));
        // Loaders hold interactions in arrays indexed by int.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Interactions, Array.MaxLength, nameof(Interactions));
        ArgumentOutOfRangeException.ThrowIfLessThan(LatentFactors, 1, nameof(LatentFactors));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LatentFactors, 512, nameof(LatentFactors));
        // Item vectors live in one array.
        if ((long)Items * LatentFactors > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(LatentFactors), LatentFactors, $"Items × LatentFactors must not exceed {Array.MaxLength}.");
        RequireRange(PopularityExponent, 0, 5, nameof(PopularityExponent));
        ArgumentOutOfRangeException.ThrowIfLessThan(Categories, 1, nameof(Categories));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Categories, 100_000, nameof(Categories));
        if (!Enum.IsDefined(Weights))
            throw new ArgumentOutOfRangeException(nameof(Weights), Weights, "Unknown weight kind.");
        RequireRange(ActivityDispersion, 0, 3, nameof(ActivityDispersion));
        RequireRange(ExplorationShare, 0, 1, nameof(ExplorationShare));
        ArgumentOutOfRangeException.ThrowIfLessThan(CandidatesPerDraw, 1, nameof(CandidatesPerDraw));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CandidatesPerDraw, 1_024, nameof(CandidatesPerDraw));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 36_500, nameof(Days));
        // Item creation dates reach five years back and interactions 'Days' forward; both must be valid dates.
        ArgumentOutOfRangeException.ThrowIfLessThan(StartUnixSeconds, -50_000_000_000L, nameof(StartUnixSeconds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StartUnixSeconds, 200_000_000_000L, nameof(StartUnixSeconds));
        ArgumentOutOfRangeException.ThrowIfNegative(Threads, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Threads, 1_024, nameof(Threads));
    }

    private static void RequireRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentOutOfRangeException(name, value, $"Must be from {min} to {max}.");
    }
}
