using System.Numerics.Tensors;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Models.MultVae;

/// <summary>
/// One Mult-VAE network: encoder items → tanh(hidden) → (μ, log σ²) of the latent code, decoder latent → tanh(hidden)
/// → one logit per item, all weights row-major. A user's input is their item set as a vector normalised to unit
/// length; scoring uses the code's mean μ, training samples z = μ + ε·σ.
/// </summary>
internal sealed class VaeNetwork
{
    private VaeNetwork(int items, int hidden, int latent, float[][] parameters)
    {
        Items = items;
        Hidden = hidden;
        Latent = latent;
        Parameters = parameters;
    }

    public int Items { get; }
    public int Hidden { get; }
    public int Latent { get; }

    /// <summary>W1 (items × hidden), b1, W2 (hidden × 2·latent), b2, W3 (latent × hidden), b3, W4 (hidden × items), b4.</summary>
    public float[][] Parameters { get; }

    /// <summary>The shapes of <see cref="Parameters"/>, in order.</summary>
    public int[][] Shapes =>
    [
        [Items, Hidden], [Hidden], [Hidden, 2 * Latent], [2 * Latent], [Latent, Hidden], [Hidden], [Hidden, Items], [Items],
    ];

    internal float[] EncoderWeights => Parameters[0];
    internal float[] EncoderBias => Parameters[1];
    internal float[] CodeWeights => Parameters[2];
    internal float[] CodeBias => Parameters[3];
    internal float[] DecoderWeights => Parameters[4];
    internal float[] DecoderBias => Parameters[5];
    internal float[] OutputWeights => Parameters[6];
    internal float[] OutputBias => Parameters[7];

    /// <summary>Glorot-normal weights (standard deviation √(2 / (fan in + fan out))), biases N(0, 10⁻⁶).</summary>
    public static VaeNetwork Initialise(int items, int hidden, int latent, int seed)
    {
        var normal = new GaussianSampler(seed);
        var network = new VaeNetwork(items, hidden, latent, new float[8][]);
        var shapes = network.Shapes;
        for (var p = 0; p < shapes.Length; p++)
        {
            var values = new float[shapes[p].Aggregate(1, (a, b) => a * b)];
            normal.Fill(values);
            var scale = shapes[p].Length == 2 ? MathF.Sqrt(2f / (shapes[p][0] + shapes[p][1])) : 1e-3f;
            TensorPrimitives.Multiply(values, scale, values);
            network.Parameters[p] = values;
        }
        return network;
    }

    /// <summary>A network from saved parameters; null when their shapes do not fit together.</summary>
    public static VaeNetwork? FromParameters(float[][] parameters, int[][] shapes)
    {
        if (parameters.Length != 8 || shapes.Length != 8 || shapes[0].Length != 2 || shapes[4].Length != 2)
            return null;
        var network = new VaeNetwork(shapes[0][0], shapes[0][1], shapes[4][0], parameters);
        var expected = network.Shapes;
        for (var p = 0; p < 8; p++)
        {
            if (!expected[p].AsSpan().SequenceEqual(shapes[p]) || parameters[p].Length != expected[p].Aggregate(1, (a, b) => a * b))
                return null;
        }
        return network;
    }

    /// <summary>
    /// Adds the logits for a user with <paramref name="items"/> (distinct, in range) to <paramref name="logits"/>.
    /// <paramref name="scratch"/> holds at least 2·hidden + latent floats.
    /// </summary>
    public void AddLogits(ReadOnlySpan<int> items, Span<float> logits, Span<float> scratch)
    {
        var hidden = scratch[..Hidden];
        var code = scratch.Slice(Hidden, Latent);
        var decoded = scratch.Slice(Hidden + Latent, Hidden);
        Encode(items, 1f / MathF.Sqrt(items.Length), hidden);
        // The mean of the code: the first half of the code layer.
        CodeBias.AsSpan(0, Latent).CopyTo(code);
        var codeWidth = 2 * Latent;
        for (var k = 0; k < Hidden; k++)
            TensorPrimitives.MultiplyAdd(CodeWeights.AsSpan(k * codeWidth, Latent), hidden[k], code, code);
        DecoderBias.CopyTo(decoded);
        DenseOps.MultiplyAdd(code, 1, DecoderWeights, Latent, decoded);
        TensorPrimitives.Tanh(decoded, decoded);
        TensorPrimitives.Add(logits, OutputBias, logits);
        DenseOps.MultiplyAdd(decoded, 1, OutputWeights, Hidden, logits);
    }

    /// <summary>hidden = tanh(b1 + value · Σ W1[item]) for the given items: every input entry has the same value.</summary>
    internal void Encode(ReadOnlySpan<int> items, float value, Span<float> hidden)
    {
        EncoderBias.CopyTo(hidden);
        foreach (var item in items)
            TensorPrimitives.MultiplyAdd(EncoderWeights.AsSpan(item * Hidden, Hidden), value, hidden, hidden);
        TensorPrimitives.Tanh(hidden, hidden);
    }

    /// <summary>
    /// Trains on the users' item sets (binarised rows of <paramref name="byUser"/>; users without items skipped) by Adam
    /// on the negative multinomial log-likelihood plus β·KL(q(z|x) ‖ N(0, I)) and λ·ΣW², β annealed linearly.
    /// </summary>
    public void Train(CsrMatrix byUser, MultVaeOptions options, int seed, CancellationToken cancellationToken)
    {
        var users = Enumerable.Range(0, byUser.RowCount).Where(u => byUser.RowIndices(u).Length > 0).ToArray();
        if (users.Length == 0)
            return;
        var trainer = new VaeTrainer(this, options, seed);
        var batches = (users.Length + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = options.Epochs * batches;
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trainer.Shuffle(users);
            for (var start = 0; start < users.Length; start += options.BatchSize)
            {
                var batch = users.AsSpan(start, Math.Min(options.BatchSize, users.Length - start));
                trainer.Step(byUser, batch, options.KlWeight * step / totalSteps);
                step++;
            }
        }
    }
}
