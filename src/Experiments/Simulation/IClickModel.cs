namespace Recommender.Experiments.Simulation;

/// <summary>
/// The known click model the simulator draws outcomes from: how likely a user is to click an item, given where it
/// was shown and how relevant it is to them. The statistics harness feeds it synthetic relevances; the service's
/// simulate verb feeds it the relevance of what the real pipeline recommended.
/// </summary>
public interface IClickModel
{
    /// <summary>The probability, in [0, 1], that <paramref name="user"/> clicks the item shown at <paramref name="rank"/> (1 = top) whose relevance to them is <paramref name="relevance"/> (in [0, 1]).</summary>
    double ClickProbability(SimulatedUser user, int rank, double relevance);
}
