using System.Text.Json.Serialization;

namespace Recommender.Ensemble.Models;

/// <summary>
/// Hyper-parameters of <see cref="EaseRecommender"/> (Steck 2019). Values are checked when set, so every instance,
/// including one made by <c>with</c> or by JSON deserialisation, is valid.
/// </summary>
public sealed record EaseOptions
{
    /// <param name="lambda">L2 penalty λ added to the diagonal of XᵀX; Steck's MovieLens-20M value is 500.</param>
    /// <param name="binarizeWeights">When true X holds 1 for every interaction; when false the interaction weights.</param>
    /// <param name="timeScaleMinutes">0 for Steck's XᵀX; above 0, two items of one user co-occur with weight
    /// exp(−|Δt| / scale), Δt the time between their interactions (see <see cref="TimeScaleMinutes"/>).</param>
    public EaseOptions(float lambda = 500f, bool binarizeWeights = true, float timeScaleMinutes = 0f)
    {
        Lambda = lambda;
        BinarizeWeights = binarizeWeights;
        TimeScaleMinutes = timeScaleMinutes;
    }

    public float Lambda
    {
        get;
        init => field = float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Lambda), value, "Lambda must be finite and > 0.");
    }

    public bool BinarizeWeights { get; init; }

    /// <summary>
    /// 0: every pair of a user's items counts fully in the Gram matrix (plain EASE). Above 0: a pair counts
    /// exp(−|Δt| / scale), so items taken up in one sitting tie together more than the same pair months apart. On
    /// MovieLens, where people rate in bursts, that co-occurrence predicts held-out items better than the whole-history
    /// one (docs/tuning.md). An item's own count is unchanged, and scoring still reads the user's whole history.
    /// </summary>
    public float TimeScaleMinutes
    {
        get;
        init => field = float.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(TimeScaleMinutes), value, "TimeScaleMinutes must be finite and >= 0 (0 = plain EASE).");
    }

    /// <summary>Whether fitting needs the interactions' times (derived, so not part of the stored parameters).</summary>
    [JsonIgnore]
    public bool WeighsByTime => TimeScaleMinutes > 0;

    /// <summary>The entry of X for an interaction with this weight.</summary>
    public float ValueOf(float weight) => BinarizeWeights ? 1f : weight;
}
