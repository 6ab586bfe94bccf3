using Microsoft.ML.OnnxRuntime;

namespace Recommender.Ensemble.Scoring.Onnx;

/// <summary>
/// Whether ONNX Runtime's CUDA execution provider can be loaded. <c>OrtEnv.GetAvailableProviders()</c> lists CUDA
/// whenever the GPU package is installed, GPU or not, so the only test is to append the provider: that loads
/// libonnxruntime_providers_cuda, which fails without CUDA 13 and cuDNN 9.
/// </summary>
internal static class CudaProbe
{
    /// <summary>Null when the provider loads; otherwise why not.</summary>
    public static string? UnavailableReason(int deviceId)
    {
        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(deviceId);
            return null;
        }
        catch (Exception e)
        {
            // Not only OnnxRuntimeException: a missing native library surfaces as DllNotFoundException or
            // EntryPointNotFoundException, a bad device id as something else again.
            return Describe(e);
        }
    }

    /// <summary>One line: the exception type and the first line of its message.</summary>
    public static string Describe(Exception e)
    {
        var message = e.Message.Split('\n', 2)[0].Trim();
        return $"{e.GetType().Name}: {message}";
    }
}
