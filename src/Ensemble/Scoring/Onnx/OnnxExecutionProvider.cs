namespace Recommender.Ensemble.Scoring.Onnx;

/// <summary>Which ONNX Runtime execution provider a session runs on.</summary>
public enum OnnxExecutionProvider
{
    Cpu,
    Cuda,
}
