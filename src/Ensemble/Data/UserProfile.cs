namespace Recommender.Ensemble.Data;

/// <summary>What a data set says about a user; any field may be unknown.</summary>
public sealed record UserProfile(
    string Id,
    int? Age,
    string? Gender,
    string? Occupation,
    string? Country,
    IReadOnlyList<string> Segments);
