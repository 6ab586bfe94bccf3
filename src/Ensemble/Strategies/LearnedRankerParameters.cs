namespace Recommender.Ensemble.Strategies;

/// <summary>
/// What a saved ranker records in its manifest's parameters: the sources and feature names it was trained on (a
/// loaded ranker checks them against its tensors), how it was trained, and on how much data.
/// </summary>
public sealed record LearnedRankerParameters(
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Features,
    LearnedRankerOptions Training,
    int TrainingGroups,
    int TrainingRows);
