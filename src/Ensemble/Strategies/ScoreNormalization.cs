namespace Recommender.Ensemble.Strategies;

/// <summary>How a weighted blend puts each source's scores on a common scale before weighting them.</summary>
public enum ScoreNormalization
{
    /// <summary>(s − min) / (max − min) over the source's list: 1 for its best item, 0 for its last.</summary>
    MinMax,

    /// <summary>(s − mean) / standard deviation over the source's list (population deviation).</summary>
    ZScore,
}
