namespace Recommender.Ensemble.Scoring;

/// <summary>
/// The configured scoring device (<c>Scoring:Device</c>): <c>auto</c> uses CUDA when it can be loaded and the managed
/// CPU kernel otherwise; <c>cpu</c> the managed CPU kernel; <c>onnx-cpu</c> ONNX Runtime's CPU provider; <c>cuda</c>
/// ONNX Runtime's CUDA provider, falling back to its CPU provider.
/// </summary>
public enum ScoringDevice
{
    Auto,
    Cpu,
    OnnxCpu,
    Cuda,
}

/// <summary>The configuration names of <see cref="ScoringDevice"/>.</summary>
public static class ScoringDevices
{
    public static string Name(this ScoringDevice device) => device switch
    {
        ScoringDevice.Auto => "auto",
        ScoringDevice.Cpu => "cpu",
        ScoringDevice.OnnxCpu => "onnx-cpu",
        ScoringDevice.Cuda => "cuda",
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, null),
    };

    /// <summary>Parses auto | cpu | onnx-cpu | cuda, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? text, out ScoringDevice device)
    {
        foreach (var candidate in Enum.GetValues<ScoringDevice>())
        {
            if (string.Equals(text?.Trim(), candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                device = candidate;
                return true;
            }
        }
        device = default;
        return false;
    }

    public static ScoringDevice Parse(string? text) =>
        TryParse(text, out var device)
            ? device
            : throw new FormatException($"Scoring device '{text}' is not one of auto, cpu, onnx-cpu, cuda.");
}
