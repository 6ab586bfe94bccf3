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

    private float[] EncoderWeights => Parameters[0];
    private float[] EncoderBias => Parameters[1];
    private float[] CodeWeights => Parameters[2];
    private float[] CodeBias => Parameters[3];
    private float[] DecoderWeights => Parameters[4];
    private float[] DecoderBias => Parameters[5];
    private float[] OutputWeights => Parameters[6];
    private float[] OutputBias => Parameters[7];

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

    /// <summary>hidden = tanh(b1 + value · Σ W1[item]) for the given items.</summary>
    private void Encode(ReadOnlySpan<int> items, float value, Span<float> hidden)
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
        var trainer = new Trainer(this, options, seed);
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

    /// <summary>The buffers and random streams of one training run; one Adam step per <see cref="Step"/>.</summary>
    private sealed class Trainer
    {
        private readonly VaeNetwork _net;
        private readonly float _l2;
        private readonly float _keep;
        private readonly Random _random;
        private readonly GaussianSampler _normal;
        private readonly float[][] _gradients;
        private readonly AdamOptimizer _adam;
        private readonly float[] _hidden, _code, _noise, _sample, _decoded, _logits, _decodedGrad, _sampleGrad, _codeGrad, _hiddenGrad;
        private readonly List<(int Item, float Value)>[] _inputs;

        public Trainer(VaeNetwork net, MultVaeOptions options, int seed)
        {
            _net = net;
            _l2 = options.L2;
            _keep = 1 - options.Dropout;
            _random = new Random(seed);
            _normal = new GaussianSampler(seed ^ 0x5bd1e995);
            _gradients = [.. net.Parameters.Select(p => new float[p.Length])];
            _adam = new AdamOptimizer(net.Parameters, _gradients, options.LearningRate);
            var b = options.BatchSize;
            _hidden = new float[b * net.Hidden];
            _code = new float[b * 2 * net.Latent];
            _noise = new float[b * net.Latent];
            _sample = new float[b * net.Latent];
            _decoded = new float[b * net.Hidden];
            _logits = new float[b * net.Items];
            _decodedGrad = new float[b * net.Hidden];
            _sampleGrad = new float[b * net.Latent];
            _codeGrad = new float[b * 2 * net.Latent];
            _hiddenGrad = new float[b * net.Hidden];
            _inputs = [.. Enumerable.Range(0, b).Select(_ => new List<(int, float)>())];
        }

        public void Shuffle(int[] users) => _random.Shuffle(users);

        public void Step(CsrMatrix byUser, ReadOnlySpan<int> batch, float beta)
        {
            var net = _net;
            int rows = batch.Length, h = net.Hidden, k = net.Latent, n = net.Items;
            var hidden = _hidden.AsSpan(0, rows * h);
            var code = _code.AsSpan(0, rows * 2 * k);
            var noise = _noise.AsSpan(0, rows * k);
            var sample = _sample.AsSpan(0, rows * k);
            var decoded = _decoded.AsSpan(0, rows * h);
            var logits = _logits.AsSpan(0, rows * n);

            // Forward. Input: the unit-length item vector with dropout (kept entries scaled by 1 / keep).
            for (var r = 0; r < rows; r++)
            {
                var items = byUser.RowIndices(batch[r]);
                var value = 1f / (MathF.Sqrt(items.Length) * _keep);
                var input = _inputs[r];
                input.Clear();
                foreach (var item in items)
                {
                    if (_random.NextDouble() < _keep)
                        input.Add((item, value));
                }
                var row = hidden.Slice(r * h, h);
                net.EncoderBias.CopyTo(row);
                foreach (var (item, v) in input)
                    TensorPrimitives.MultiplyAdd(net.EncoderWeights.AsSpan(item * h, h), v, row, row);
            }
            TensorPrimitives.Tanh(hidden, hidden);
            DenseOps.Broadcast(net.CodeBias, rows, code);
            DenseOps.MultiplyAdd(hidden, rows, net.CodeWeights, h, code);
            _normal.Fill(noise);
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < k; j++)
                {
                    var mean = code[r * 2 * k + j];
                    var std = MathF.Exp(0.5f * code[r * 2 * k + k + j]);
                    sample[r * k + j] = mean + noise[r * k + j] * std;
                }
            }
            DenseOps.Broadcast(net.DecoderBias, rows, decoded);
            DenseOps.MultiplyAdd(sample, rows, net.DecoderWeights, k, decoded);
            TensorPrimitives.Tanh(decoded, decoded);
            DenseOps.Broadcast(net.OutputBias, rows, logits);
            DenseOps.MultiplyAdd(decoded, rows, net.OutputWeights, h, logits);

            // d(loss)/d(logits) = (softmax · |x| − x) / rows: the multinomial likelihood of the full (undropped) items.
            for (var r = 0; r < rows; r++)
            {
                var row = logits.Slice(r * n, n);
                TensorPrimitives.SoftMax(row, row);
                var items = byUser.RowIndices(batch[r]);
                TensorPrimitives.Multiply(row, (float)items.Length / rows, row);
                foreach (var item in items)
                    row[item] -= 1f / rows;
            }
            var logitGrad = logits;

            var g = _gradients;
            TensorPrimitives.Multiply(net.OutputWeights, 2 * _l2, g[6]);
            DenseOps.AccumulateTransposed(decoded, rows, h, logitGrad, g[6]);
            DenseOps.SumRows(logitGrad, rows, g[7]);
            var decodedGrad = _decodedGrad.AsSpan(0, rows * h);
            DenseOps.MultiplyTransposed(logitGrad, rows, net.OutputWeights, h, decodedGrad);
            TanhBackward(decoded, decodedGrad);

            TensorPrimitives.Multiply(net.DecoderWeights, 2 * _l2, g[4]);
            DenseOps.AccumulateTransposed(sample, rows, k, decodedGrad, g[4]);
            DenseOps.SumRows(decodedGrad, rows, g[5]);
            var sampleGrad = _sampleGrad.AsSpan(0, rows * k);
            DenseOps.MultiplyTransposed(decodedGrad, rows, net.DecoderWeights, k, sampleGrad);

            // Through z = μ + ε·σ, σ = exp(½ log σ²), plus the KL term β/rows · ½ Σ (μ² + σ² − log σ² − 1).
            var codeGrad = _codeGrad.AsSpan(0, rows * 2 * k);
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < k; j++)
                {
                    var mean = code[r * 2 * k + j];
                    var logVariance = code[r * 2 * k + k + j];
                    var std = MathF.Exp(0.5f * logVariance);
                    var dz = sampleGrad[r * k + j];
                    codeGrad[r * 2 * k + j] = dz + beta * mean / rows;
                    codeGrad[r * 2 * k + k + j] = dz * noise[r * k + j] * 0.5f * std + beta * 0.5f * (std * std - 1) / rows;
                }
            }
            TensorPrimitives.Multiply(net.CodeWeights, 2 * _l2, g[2]);
            DenseOps.AccumulateTransposed(hidden, rows, h, codeGrad, g[2]);
            DenseOps.SumRows(codeGrad, rows, g[3]);
            var hiddenGrad = _hiddenGrad.AsSpan(0, rows * h);
            DenseOps.MultiplyTransposed(codeGrad, rows, net.CodeWeights, h, hiddenGrad);
            TanhBackward(hidden, hiddenGrad);

            TensorPrimitives.Multiply(net.EncoderWeights, 2 * _l2, g[0]);
            for (var r = 0; r < rows; r++)
            {
                var source = hiddenGrad.Slice(r * h, h);
                foreach (var (item, v) in _inputs[r])
                {
                    var target = g[0].AsSpan(item * h, h);
                    TensorPrimitives.MultiplyAdd(source, v, target, target);
                }
            }
            DenseOps.SumRows(hiddenGrad, rows, g[1]);
            _adam.Step();
        }

        /// <summary>gradient ⊙= 1 − tanh², given the layer's tanh output.</summary>
        private static void TanhBackward(ReadOnlySpan<float> output, Span<float> gradient)
        {
            for (var i = 0; i < gradient.Length; i++)
                gradient[i] *= 1 - output[i] * output[i];
        }
    }
}
