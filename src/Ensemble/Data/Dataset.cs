namespace Recommender.Ensemble.Data;

/// <summary>Everything loaded from one data folder: interactions, catalog and the users it describes.</summary>
public sealed record Dataset(
    string Name,
    InteractionLog Interactions,
    Catalog Catalog,
    IReadOnlyDictionary<string, UserProfile> Users)
{
    /// <summary>A stable hash of the interactions, so a trained model can tell whether it matches the data.</summary>
    public string Fingerprint() => DataFingerprint.Of(Interactions);
}
