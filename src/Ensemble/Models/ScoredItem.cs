namespace Recommender.Ensemble.Models;

/// <summary>An item index with its model score; higher is better.</summary>
public readonly record struct ScoredItem(int Item, float Score);
