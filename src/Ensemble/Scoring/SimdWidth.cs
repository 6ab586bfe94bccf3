using System.Runtime.Intrinsics;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// The vector width a CPU kernel runs at. The widest accelerated one is used in production; tests force the narrower
/// ones so that every fallback is exercised on a machine that has AVX-512.
/// </summary>
internal enum SimdWidth
{
    Scalar,
    Vector256,
    Vector512,
}

internal static class SimdWidths
{
    public static SimdWidth Best =>
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : SimdWidth.Scalar;

    public static bool IsSupported(SimdWidth width) => width switch
    {
        SimdWidth.Scalar => true,
        SimdWidth.Vector256 => Vector256.IsHardwareAccelerated,
        SimdWidth.Vector512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>The widths this machine can run, narrowest first.</summary>
    public static IReadOnlyList<SimdWidth> Supported =>
        Enum.GetValues<SimdWidth>().Where(IsSupported).ToArray();
}
