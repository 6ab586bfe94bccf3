using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Models.MultVae;

/// <summary>
/// One training run of a <see cref="VaeNetwork"/>: the batch buffers, the random streams (shuffling, input dropout,
/// the code's noise ε) and Adam. A <see cref="Step"/> draws the batch's dropout and noise, back-propagates and updates.
/// </summary>
internal sealed class VaeTrainer
{
    private readonly VaeNetwork _net;
    private readonly float _l2;
    private readonly float _keep;
    private readonly Random _random;
    private readonly GaussianSampler _normal;
    private readonly AdamOptimizer _adam;
    private readonly float[] _hidden, _code, _noise, _sample, _decoded, _logits, _decodedGrad, _sampleGrad, _codeGrad, _hiddenGrad;
    private readonly List<int>[] _keptItems;
    private readonly float[] _inputValues;

    public VaeTrainer(VaeNetwork net, MultVaeOptions options, int seed)
    {
        _net = net;
        _l2 = options.L2;
        _keep = 1 - options.Dropout;
        _random = new Random(seed);
        _normal = new GaussianSampler(seed ^ 0x5bd1e995);
        Gradients = [.. net.Parameters.Select(p => new float[p.Length])];
        _adam = new AdamOptimizer(net.Parameters, Gradients, options.LearningRate);
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
        _keptItems = [.. Enumerable.Range(0, b).Select(_ => new List<int>())];
        _inputValues = new float[b];
    }

    /// <summary>The gradient of the loss with respect to each of the network's parameter arrays, after <see cref="Backpropagate"/>.</summary>
    public float[][] Gradients { get; }

    public void Shuffle(int[] users) => _random.Shuffle(users);

    public void Step(CsrMatrix byUser, ReadOnlySpan<int> batch, float beta)
    {
        Draw(byUser, batch);
        Backpropagate(byUser, batch, beta);
        _adam.Step();
    }

    /// <summary>
    /// The encoder's inputs for the batch (each user's unit-length item vector, every entry kept with probability
    /// 1 − dropout and then scaled by 1 / (1 − dropout)) and the code's noise ε.
    /// </summary>
    public void Draw(CsrMatrix byUser, ReadOnlySpan<int> batch)
    {
        for (var r = 0; r < batch.Length; r++)
        {
            var items = byUser.RowIndices(batch[r]);
            _inputValues[r] = 1f / (MathF.Sqrt(items.Length) * _keep);
            var kept = _keptItems[r];
            kept.Clear();
            foreach (var item in items)
            {
                if (_random.NextDouble() < _keep)
                    kept.Add(item);
            }
        }
        _normal.Fill(_noise.AsSpan(0, batch.Length * _net.Latent));
    }

    /// <summary>
    /// Forward and backward pass with the last <see cref="Draw"/>: fills <see cref="Gradients"/> and returns the loss,
    /// per user of the batch, −Σ_{i ∈ items} log softmax(logits)_i + β·KL(N(μ, σ²) ‖ N(0, I)), plus λ·ΣW².
    /// </summary>
    public double Backpropagate(CsrMatrix byUser, ReadOnlySpan<int> batch, float beta)
    {
        var net = _net;
        int rows = batch.Length, h = net.Hidden, k = net.Latent, n = net.Items;
        var hidden = _hidden.AsSpan(0, rows * h);
        var code = _code.AsSpan(0, rows * 2 * k);
        var noise = _noise.AsSpan(0, rows * k);
        var sample = _sample.AsSpan(0, rows * k);
        var decoded = _decoded.AsSpan(0, rows * h);
        var logits = _logits.AsSpan(0, rows * n);

        for (var r = 0; r < rows; r++)
            net.Encode(CollectionsMarshal.AsSpan(_keptItems[r]), _inputValues[r], hidden.Slice(r * h, h));
        DenseOps.Broadcast(net.CodeBias, rows, code);
        DenseOps.MultiplyAdd(hidden, rows, net.CodeWeights, h, code);
        double kl = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < k; j++)
            {
                var mean = code[r * 2 * k + j];
                var logVariance = code[r * 2 * k + k + j];
                var std = MathF.Exp(0.5f * logVariance);
                sample[r * k + j] = mean + noise[r * k + j] * std;
                kl += 0.5 * (mean * mean + std * std - logVariance - 1);
            }
        }
        DenseOps.Broadcast(net.DecoderBias, rows, decoded);
        DenseOps.MultiplyAdd(sample, rows, net.DecoderWeights, k, decoded);
        TensorPrimitives.Tanh(decoded, decoded);
        DenseOps.Broadcast(net.OutputBias, rows, logits);
        DenseOps.MultiplyAdd(decoded, rows, net.OutputWeights, h, logits);

        // d(loss)/d(logits) = (softmax · |x| − x) / rows: the likelihood of all the user's items, not only the kept ones.
        double likelihood = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = logits.Slice(r * n, n);
            var items = byUser.RowIndices(batch[r]);
            var top = TensorPrimitives.IndexOfMax(row);
            var max = row[top];
            foreach (var item in items)
                likelihood += row[item];
            TensorPrimitives.SoftMax(row, row);
            // log Σ exp(logits) = max − log softmax(max), without a second pass of exponentials; softmax(max) ≥ 1 / n.
            likelihood -= items.Length * (max - Math.Log(row[top]));
            TensorPrimitives.Multiply(row, (float)items.Length / rows, row);
            foreach (var item in items)
                row[item] -= 1f / rows;
        }
        var logitGrad = logits;

        var g = Gradients;
        var decodedGrad = _decodedGrad.AsSpan(0, rows * h);
        DenseBackward(decoded, rows, h, logitGrad, net.OutputWeights, g[6], g[7], decodedGrad);
        TanhBackward(decoded, decodedGrad);

        var sampleGrad = _sampleGrad.AsSpan(0, rows * k);
        DenseBackward(sample, rows, k, decodedGrad, net.DecoderWeights, g[4], g[5], sampleGrad);

        // Through z = μ + ε·σ with σ = exp(½ log σ²), plus the KL term's own gradient.
        var codeGrad = _codeGrad.AsSpan(0, rows * 2 * k);
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < k; j++)
            {
                var mean = code[r * 2 * k + j];
                var std = MathF.Exp(0.5f * code[r * 2 * k + k + j]);
                var dz = sampleGrad[r * k + j];
                codeGrad[r * 2 * k + j] = dz + beta * mean / rows;
                codeGrad[r * 2 * k + k + j] = dz * noise[r * k + j] * 0.5f * std + beta * 0.5f * (std * std - 1) / rows;
            }
        }
        var hiddenGrad = _hiddenGrad.AsSpan(0, rows * h);
        DenseBackward(hidden, rows, h, codeGrad, net.CodeWeights, g[2], g[3], hiddenGrad);
        TanhBackward(hidden, hiddenGrad);

        TensorPrimitives.Multiply(net.EncoderWeights, 2 * _l2, g[0]);
        for (var r = 0; r < rows; r++)
        {
            var source = hiddenGrad.Slice(r * h, h);
            foreach (var item in _keptItems[r])
            {
                var target = g[0].AsSpan(item * h, h);
                TensorPrimitives.MultiplyAdd(source, _inputValues[r], target, target);
            }
        }
        DenseOps.SumRows(hiddenGrad, rows, g[1]);

        double penalty = 0;
        foreach (var weights in new[] { net.EncoderWeights, net.CodeWeights, net.DecoderWeights, net.OutputWeights })
            penalty += TensorPrimitives.Dot(weights, weights);
        return (-likelihood + beta * kl) / rows + _l2 * penalty;
    }

    /// <summary>
    /// Back through a dense layer output = input·W + b, given d(loss)/d(output): W's gradient (with the L2 term's
    /// 2λW), b's gradient, and d(loss)/d(input).
    /// </summary>
    private void DenseBackward(ReadOnlySpan<float> input, int rows, int inputWidth, ReadOnlySpan<float> outputGrad,
        float[] weights, float[] weightGrad, float[] biasGrad, Span<float> inputGrad)
    {
        TensorPrimitives.Multiply(weights, 2 * _l2, weightGrad);
        DenseOps.AccumulateTransposed(input, rows, inputWidth, outputGrad, weightGrad);
        DenseOps.SumRows(outputGrad, rows, biasGrad);
        DenseOps.MultiplyTransposed(outputGrad, rows, weights, inputWidth, inputGrad);
    }

    /// <summary>gradient ⊙= 1 − tanh², given the layer's tanh output.</summary>
    private static void TanhBackward(ReadOnlySpan<float> output, Span<float> gradient)
    {
        for (var i = 0; i < gradient.Length; i++)
            gradient[i] *= 1 - output[i] * output[i];
    }
}
