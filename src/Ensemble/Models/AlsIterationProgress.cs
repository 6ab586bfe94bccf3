namespace Recommender.Ensemble.Models;

/// <summary>Reported after each ALS sweep: which one finished (1-based), out of how many, and how long it took.</summary>
public readonly record struct AlsIterationProgress(int Iteration, int Iterations, TimeSpan Duration);
