namespace Recommender.Ensemble.Models;

/// <summary>
/// Hyper-parameters of <see cref="MultVaeRecommender"/> (Liang et al. 2018, "Variational Autoencoders for
/// Collaborative Filtering"). Values are checked when set, so every instance, including one made by <c>with</c> or by
/// JSON deserialisation, is valid.
/// </summary>
public sealed record MultVaeOptions
{
    /// <param name="hidden">Width of the tanh layer on each side of the latent code.</param>
    /// <param name="latent">Dimensions of the latent code.</param>
    /// <param name="epochs">Passes over the users.</param>
    /// <param name="l2">Penalty λ·ΣW² on every weight matrix (biases are not penalised).</param>
    /// <param name="dropout">Share of a user's items dropped from the encoder's input at each step (the denoising).</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="batchSize">Users per Adam step.</param>
    /// <param name="klWeight">
    /// Weight β of the KL term at the end of training; it grows linearly from 0 over all steps (the paper's
    /// annealing, stopped at this value).
    /// </param>
    /// <param name="networks">Networks trained from different seeds; the model scores with the mean of their logits.</param>
    /// <param name="seed">Seed of the first network (network n uses seed + n).</param>
    public MultVaeOptions(
        int hidden = 200, int latent = 64, int epochs = 20, float l2 = 0.003f, float dropout = 0.5f,
        float learningRate = 3e-3f, int batchSize = 100, float klWeight = 0.05f, int networks = 3, int seed = 0)
    {
        Hidden = hidden;
        Latent = latent;
        Epochs = epochs;
        L2 = l2;
        Dropout = dropout;
        LearningRate = learningRate;
        BatchSize = batchSize;
        KlWeight = klWeight;
        Networks = networks;
        Seed = seed;
    }

    public int Hidden
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Hidden), value, "Hidden must be > 0.");
    }

    public int Latent
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Latent), value, "Latent must be > 0.");
    }

    public int Epochs
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Epochs must be > 0.");
    }

    public float L2
    {
        get;
        init => field = float.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(L2), value, "L2 must be finite and ≥ 0.");
    }

    public float Dropout
    {
        get;
        init => field = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Dropout), value, "Dropout must be in [0, 1).");
    }

    public float LearningRate
    {
        get;
        init => field = float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be finite and > 0.");
    }

    public int BatchSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize must be > 0.");
    }

    public float KlWeight
    {
        get;
        init => field = float.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(KlWeight), value, "KlWeight must be finite and ≥ 0.");
    }

    public int Networks
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Networks), value, "Networks must be > 0.");
    }

    public int Seed { get; init; }
}
