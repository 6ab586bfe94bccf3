namespace Recommender.Experiments.Simulation;

/// <summary>
/// What a user is shown: the relevance to that user of each item of a variant's response, top first. The
/// statistics harness uses <see cref="FixedSlates"/>; the service's simulate verb answers with the real pipeline's
/// recommendations scored against the synthetic user's known preferences.
/// </summary>
public interface ISlateSource
{
    /// <summary>Relevances (each in [0, 1]) of the items the <paramref name="variant"/> shows <paramref name="user"/>, rank 1 first.</summary>
    IReadOnlyList<double> Relevances(SimulatedUser user, string variant);
}
