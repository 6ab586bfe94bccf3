namespace Recommender.Api.Simulation;

/// <summary>How the simulate verb's experiments are run.</summary>
/// <param name="Runs">Experiments per scenario.</param>
/// <param name="Users">Users per experiment.</param>
/// <param name="Seed">First seed; run r of a scenario uses a seed derived from it and r.</param>
/// <param name="Sessions">Responses each user sees during the experiment, and as many before it (the CUPED covariate).</param>
/// <param name="MeanPropensity">Mean click propensity (gamma-distributed over users, shape 2).</param>
public sealed record SimulationSettings(int Runs, int Users, int Seed, int Sessions, double MeanPropensity);
