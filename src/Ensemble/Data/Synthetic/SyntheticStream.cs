namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// The independent random streams of the generator, one per purpose, so that changing how one part draws its
/// numbers (or how many it draws) leaves every other part of the data unchanged.
/// </summary>
internal enum SyntheticStream
{
    Centroids = 1,
    Popularity = 2,
    ItemModel = 3,
    ItemRows = 4,
    Activity = 5,
    Users = 6,
}
