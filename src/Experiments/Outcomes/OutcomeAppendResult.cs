namespace Recommender.Experiments.Outcomes;

/// <summary>What an outcome batch did: events newly stored, and events whose id was already stored (or repeated in the batch).</summary>
public readonly record struct OutcomeAppendResult(int Accepted, int Duplicates);
