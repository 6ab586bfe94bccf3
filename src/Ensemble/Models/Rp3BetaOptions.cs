namespace Recommender.Ensemble.Models;

/// <summary>
/// Hyper-parameters of <see cref="Rp3BetaRecommender"/> (Paudel et al. 2017). Values are checked when set, so every
/// instance, including one made by <c>with</c> or by JSON deserialisation, is valid.
/// </summary>
public sealed record Rp3BetaOptions
{
    /// <param name="alpha">Exponent applied to every transition probability before the walk; 1 is the plain P³ walk.</param>
    /// <param name="beta">Popularity penalty: column j of the item graph is divided by degree(j)^β; 0 keeps the walk's bias to popular items.</param>
    /// <param name="neighbors">Edges kept per item (its strongest successors); the rest of the row is dropped.</param>
    /// <param name="binarizeWeights">When true every interaction counts 1; when false the user → item step follows the interaction weights.</param>
    public Rp3BetaOptions(float alpha = 1f, float beta = 0.5f, int neighbors = 200, bool binarizeWeights = true)
    {
        Alpha = alpha;
        Beta = beta;
        Neighbors = neighbors;
        BinarizeWeights = binarizeWeights;
    }

    public float Alpha
    {
        get;
        init => field = float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Alpha), value, "Alpha must be finite and > 0.");
    }

    public float Beta
    {
        get;
        init => field = float.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Beta), value, "Beta must be finite and ≥ 0.");
    }

    public int Neighbors
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Neighbors), value, "Neighbors must be > 0.");
    }

    public bool BinarizeWeights { get; init; }

    /// <summary>The entry of X for an interaction with this weight.</summary>
    public float ValueOf(float weight) => BinarizeWeights ? 1f : weight;
}
