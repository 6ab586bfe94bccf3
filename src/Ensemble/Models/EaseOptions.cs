namespace Recommender.Ensemble.Models;

/// <summary>
/// Hyper-parameters of <see cref="EaseRecommender"/> (Steck 2019). Values are checked when set, so every instance,
/// including one made by <c>with</c> or by JSON deserialisation, is valid.
/// </summary>
public sealed record EaseOptions
{
    /// <param name="lambda">L2 penalty λ added to the diagonal of XᵀX; Steck's MovieLens-20M value is 500.</param>
    /// <param name="binarizeWeights">When true X holds 1 for every interaction; when false the interaction weights.</param>
    public EaseOptions(float lambda = 500f, bool binarizeWeights = true)
    {
        Lambda = lambda;
        BinarizeWeights = binarizeWeights;
    }

    public float Lambda
    {
        get;
        init => field = float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Lambda), value, "Lambda must be finite and > 0.");
    }

    public bool BinarizeWeights { get; init; }

    /// <summary>The entry of X for an interaction with this weight.</summary>
    public float ValueOf(float weight) => BinarizeWeights ? 1f : weight;
}
