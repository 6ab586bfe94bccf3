namespace Recommender.Experiments.Simulation;

/// <summary>
/// The examination-hypothesis click model: a user examines the item at rank r with probability r^−decay (position
/// bias), and clicks an examined item with probability propensity × relevance. So
/// P(click) = min(1, propensity × relevance × r^−decay).
/// </summary>
public sealed class PositionBiasedClickModel : IClickModel
{
    private readonly double[] _examination;

    /// <param name="maxRank">The longest list it will be asked about.</param>
    /// <param name="positionDecay">How fast attention falls with rank (1: the item at rank r is examined with probability 1/r).</param>
    public PositionBiasedClickModel(int maxRank = 100, double positionDecay = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRank, 1);
        if (!double.IsFinite(positionDecay) || positionDecay < 0)
            throw new ArgumentOutOfRangeException(nameof(positionDecay), positionDecay, "The decay must be finite and non-negative.");
        PositionDecay = positionDecay;
        // Precomputed: Math.Pow per impression would dominate a simulation.
        _examination = new double[maxRank + 1];
        for (int rank = 1; rank <= maxRank; rank++) _examination[rank] = Math.Pow(rank, -positionDecay);
    }

    public double PositionDecay { get; }

    /// <summary>The probability that the item at <paramref name="rank"/> is looked at.</summary>
    public double Examination(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, _examination.Length);
        return _examination[rank];
    }

    public double ClickProbability(SimulatedUser user, int rank, double relevance)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Math.Clamp(user.Propensity * relevance * Examination(rank), 0, 1);
    }
}
