namespace Recommender.Ensemble.Models;

/// <summary>
/// Hyper-parameters of <see cref="AlsRecommender"/> (implicit-feedback ALS, Hu, Koren and Volinsky 2008, solved with
/// the conjugate-gradient method of Takács et al. as the Python library implicit does). Every value is checked when
/// it is set, so an instance (including one made by <c>with</c> or by JSON deserialisation) is always valid.
/// </summary>
public sealed record AlsOptions
{
    /// <param name="factors">Latent dimension f.</param>
    /// <param name="regularization">λ, added unscaled to the diagonal of every row's normal equations.</param>
    /// <param name="alpha">Confidence scale: an observed entry with weight r has confidence c = alpha · r (implicit's
    /// convention: alpha = 1 and r = 1 give c = 1, not 1 + alpha · r).</param>
    /// <param name="iterations">Sweeps; one sweep solves every user, then every item.</param>
    /// <param name="conjugateGradientSteps">CG steps per row and sweep, warm-started from the previous sweep.</param>
    /// <param name="seed">Seeds the uniform[0, 1) · 0.01 initial factors.</param>
    /// <param name="threads">Worker threads for fitting; 0 means all cores.</param>
    /// <param name="binarizeWeights">When true r = 1 for every positive weight (−1 for a negative one); when false r is
    /// the interaction weight itself (a rating, a count).</param>
    public AlsOptions(
        int factors = 64,
        float regularization = 0.05f,
        float alpha = 1f,
        int iterations = 15,
        int conjugateGradientSteps = 3,
        int seed = 42,
        int threads = 0,
        bool binarizeWeights = false)
    {
        Factors = factors;
        Regularization = regularization;
        Alpha = alpha;
        Iterations = iterations;
        ConjugateGradientSteps = conjugateGradientSteps;
        Seed = seed;
        Threads = threads;
        BinarizeWeights = binarizeWeights;
    }

    public int Factors
    {
        get;
        init => field = value is >= 1 and <= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(Factors), value, "Factors must be in 1..1024.");
    }

    public float Regularization
    {
        get;
        init => field = float.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Regularization), value, "Regularization must be finite and ≥ 0.");
    }

    public float Alpha
    {
        get;
        init => field = float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Alpha), value, "Alpha must be finite and > 0.");
    }

    public int Iterations
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Iterations), value, "Iterations must be ≥ 0.");
    }

    public int ConjugateGradientSteps
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ConjugateGradientSteps), value, "ConjugateGradientSteps must be ≥ 1.");
    }

    public int Seed { get; init; }

    public int Threads
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), value, "Threads must be ≥ 0 (0 = all cores).");
    }

    public bool BinarizeWeights { get; init; }

    /// <summary>The confidence c = alpha · r of an interaction with this weight.</summary>
    public float ConfidenceOf(float weight) => Alpha * (BinarizeWeights ? MathF.Sign(weight) : weight);

    internal ParallelOptions ParallelOptions(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = Threads == 0 ? Environment.ProcessorCount : Threads,
        CancellationToken = cancellationToken,
    };
}
