namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Where a scorer runs and why, for <c>GET /v1/models</c> and the metrics.
/// </summary>
/// <param name="Requested">The configured device: auto, cpu, onnx-cpu or cuda.</param>
/// <param name="Device">The device actually used: cpu (managed SIMD kernel), onnx-cpu or cuda (ONNX Runtime).</param>
/// <param name="Precision">fp32, or int8 (int8 scan, fp32 re-score of a shortlist).</param>
/// <param name="Reason">Why <paramref name="Device"/> or <paramref name="Precision"/> differs from what was asked
/// (e.g. "cuda unavailable: …"); null when the request was met as asked.</param>
public sealed record ScoringPlacement(string Requested, string Device, string Precision, string? Reason = null)
{
    /// <summary>Precision of the exact paths.</summary>
    public const string ExactPrecision = "fp32";

    /// <summary>Precision of the quantized path: int8 scan, fp32 re-score.</summary>
    public const string QuantizedPrecision = "int8";

    public override string ToString() =>
        Reason is null ? $"{Device} ({Precision})" : $"{Device} ({Precision}; requested {Requested}: {Reason})";
}
