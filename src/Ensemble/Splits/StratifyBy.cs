namespace Recommender.Ensemble.Splits;

/// <summary>The column whose groups a stratified split keeps in proportion (Microsoft Recommenders' filter_by).</summary>
public enum StratifyBy
{
    /// <summary>Each item's interactions are split in the ratio (the benchmark's setting).</summary>
    Item,

    /// <summary>Each user's interactions are split in the ratio.</summary>
    User,
}
