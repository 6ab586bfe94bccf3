namespace Recommender.Ensemble.Models;

/// <summary>
/// Hyper-parameters of <see cref="SarRecommender"/>; the defaults are the MovieLens benchmark's SAR settings
/// (Jaccard, time decay with a 30-day half-life from the latest train timestamp, threshold 1).
/// Every value is validated when set, including through <c>with</c> and JSON.
/// </summary>
public sealed record SarOptions
{
    /// <param name="similarity">Item–item similarity from co-occurrence counts.</param>
    /// <param name="timeDecayHalfLifeDays">Days after which an interaction's weight halves.</param>
    /// <param name="timeDecay">Whether affinity decays with age; when false it is the sum of the weights.</param>
    /// <param name="supportThreshold">Co-occurrence counts below this are treated as 0 (diagonal included, as the reference does).</param>
    /// <param name="timeNow">Unix seconds the decay is measured back from; null means the latest timestamp in train.</param>
    /// <param name="maxItems">Largest catalog accepted: the similarity matrix is dense, items² floats.</param>
    public SarOptions(
        SimilarityType similarity = SimilarityType.Jaccard,
        double timeDecayHalfLifeDays = 30,
        bool timeDecay = true,
        int supportThreshold = 1,
        long? timeNow = null,
        int maxItems = DefaultMaxItems)
    {
        Similarity = similarity;
        TimeDecayHalfLifeDays = timeDecayHalfLifeDays;
        TimeDecay = timeDecay;
        SupportThreshold = supportThreshold;
        TimeNow = timeNow;
        MaxItems = maxItems;
    }

    /// <summary>20,000 items: a 1.6 GB similarity matrix.</summary>
    public const int DefaultMaxItems = 20_000;

    public SimilarityType Similarity
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Similarity), value, "Unknown similarity type.");
    }

    public double TimeDecayHalfLifeDays
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(TimeDecayHalfLifeDays), value, "The half-life must be a positive number of days.");
    }

    public bool TimeDecay { get; init; }

    public int SupportThreshold
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SupportThreshold), value, "The support threshold must be at least 1.");
    }

    public long? TimeNow { get; init; }

    public int MaxItems
    {
        get;
        // 46,340² is the largest square that fits one .NET array.
        init => field = value is >= 1 and <= 46_340 ? value : throw new ArgumentOutOfRangeException(nameof(MaxItems), value, "MaxItems must lie in 1..46340 (a dense items² matrix must fit one array).");
    }
}
