namespace Recommender.Experiments.Simulation;

/// <summary>A synthetic user with a known, latent inclination to click (the same before and during the experiment,
/// which is what makes their pre-experiment clicks a useful CUPED covariate).</summary>
/// <param name="Id">The user id (what assignment hashes).</param>
/// <param name="Propensity">How readily the user clicks a fully relevant item at the top of the list; scales every click probability.</param>
public sealed record SimulatedUser(string Id, double Propensity);
