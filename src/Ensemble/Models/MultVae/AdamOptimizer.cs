namespace Recommender.Ensemble.Models.MultVae;

/// <summary>
/// Adam (Kingma and Ba 2015) with bias correction over a fixed set of parameter arrays, each paired with a gradient
/// array of the same length that the caller fills before every <see cref="Step"/>.
/// </summary>
internal sealed class AdamOptimizer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    private readonly float[][] _parameters;
    private readonly float[][] _gradients;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;
    private readonly float _learningRate;
    private int _steps;

    public AdamOptimizer(float[][] parameters, float[][] gradients, float learningRate)
    {
        _parameters = parameters;
        _gradients = gradients;
        _learningRate = learningRate;
        _firstMoments = [.. parameters.Select(p => new float[p.Length])];
        _secondMoments = [.. parameters.Select(p => new float[p.Length])];
    }

    public void Step()
    {
        _steps++;
        // Bias corrections folded into the step size and epsilon, so the inner loop is one pass per array.
        var correction1 = 1 - Math.Pow(Beta1, _steps);
        var correction2 = 1 - Math.Pow(Beta2, _steps);
        var stepSize = (float)(_learningRate * Math.Sqrt(correction2) / correction1);
        var epsilon = (float)(Epsilon * Math.Sqrt(correction2));
        for (var a = 0; a < _parameters.Length; a++)
        {
            var parameter = _parameters[a];
            var gradient = _gradients[a];
            var m = _firstMoments[a];
            var v = _secondMoments[a];
            for (var i = 0; i < parameter.Length; i++)
            {
                var g = gradient[i];
                m[i] = Beta1 * m[i] + (1 - Beta1) * g;
                v[i] = Beta2 * v[i] + (1 - Beta2) * g * g;
                parameter[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + epsilon);
            }
        }
    }
}
