namespace Recommender.Ensemble.Models;

/// <summary>
/// Hyper-parameters of <see cref="ContentRecommender"/>. Every value is checked when set, so neither a constructor
/// call nor a <c>with</c> expression can produce invalid options.
/// </summary>
/// <param name="Dimensions">Length of the item embeddings (the truncated SVD rank).</param>
/// <param name="Seed">Seeds the SVD's Gaussian sketch; the same data and seed give the same model.</param>
/// <param name="WordNgramLength">Word n-grams 1..this length from title and tags (TF-IDF).</param>
/// <param name="CharNgramLength">Character n-grams of exactly this length from title and tags (TF-IDF); 0 turns them off.</param>
/// <param name="MaxNgramsPerLength">Vocabulary cap per n-gram length (the most frequent are kept), bounding the feature count on large catalogs.</param>
/// <param name="RemoveStopWords">Drop English stop words before building word n-grams.</param>
/// <param name="WordWeight">Weight of the word n-gram block (each block is L2-normalised per item, then weighted).</param>
/// <param name="CharWeight">Weight of the character n-gram block.</param>
/// <param name="CategoryWeight">Weight of the one-hot category block (IDF-weighted, so rare categories count more).</param>
/// <param name="MetadataWeight">Weight of the one-hot metadata block: age rating, price bucket, release year and decade.</param>
/// <param name="Oversampling">Extra columns of the randomized SVD sketch.</param>
/// <param name="PowerIterations">Power iterations of the randomized SVD.</param>
/// <param name="RecencyHalfLifeDays">When positive, a user's history items are weighted by interaction value × 2^(−age / half-life), age measured back from the latest event in training; 0 uses the interaction values alone.</param>
public sealed record ContentOptions(
    int Dimensions = 64,
    int Seed = 42,
    int WordNgramLength = 2,
    int CharNgramLength = 3,
    int MaxNgramsPerLength = 200_000,
    bool RemoveStopWords = true,
    float WordWeight = 1f,
    float CharWeight = 0.5f,
    float CategoryWeight = 1f,
    float MetadataWeight = 0.5f,
    int Oversampling = 10,
    int PowerIterations = 2,
    double RecencyHalfLifeDays = 0)
{
    public int Dimensions { get; init => field = InRange(value, 1, 4096, nameof(Dimensions)); }
        = InRange(Dimensions, 1, 4096, nameof(Dimensions));

    public int WordNgramLength { get; init => field = InRange(value, 1, 4, nameof(WordNgramLength)); }
        = InRange(WordNgramLength, 1, 4, nameof(WordNgramLength));

    public int CharNgramLength { get; init => field = InRange(value, 0, 8, nameof(CharNgramLength)); }
        = InRange(CharNgramLength, 0, 8, nameof(CharNgramLength));

    public int MaxNgramsPerLength { get; init => field = InRange(value, 1, 100_000_000, nameof(MaxNgramsPerLength)); }
        = InRange(MaxNgramsPerLength, 1, 100_000_000, nameof(MaxNgramsPerLength));

    public float WordWeight { get; init => field = Weight(value, nameof(WordWeight)); }
        = Weight(WordWeight, nameof(WordWeight));

    public float CharWeight { get; init => field = Weight(value, nameof(CharWeight)); }
        = Weight(CharWeight, nameof(CharWeight));

    public float CategoryWeight { get; init => field = Weight(value, nameof(CategoryWeight)); }
        = Weight(CategoryWeight, nameof(CategoryWeight));

    public float MetadataWeight { get; init => field = Weight(value, nameof(MetadataWeight)); }
        = Weight(MetadataWeight, nameof(MetadataWeight));

    public int Oversampling { get; init => field = InRange(value, 0, 1000, nameof(Oversampling)); }
        = InRange(Oversampling, 0, 1000, nameof(Oversampling));

    public int PowerIterations { get; init => field = InRange(value, 0, 20, nameof(PowerIterations)); }
        = InRange(PowerIterations, 0, 20, nameof(PowerIterations));

    public double RecencyHalfLifeDays { get; init => field = HalfLife(value, nameof(RecencyHalfLifeDays)); }
        = HalfLife(RecencyHalfLifeDays, nameof(RecencyHalfLifeDays));

    private static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");

    private static float Weight(float value, string name) =>
        float.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "A block weight must be a finite number ≥ 0.");

    private static double HalfLife(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "The recency half-life must be a finite number of days ≥ 0 (0 turns recency off).");
}
