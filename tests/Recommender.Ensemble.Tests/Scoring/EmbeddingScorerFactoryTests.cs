using Microsoft.Extensions.Logging;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;
using Recommender.Ensemble.Scoring.Onnx;

namespace Recommender.Ensemble.Tests.Scoring;

public class EmbeddingScorerFactoryTests
{
    private static readonly float[] Matrix = [1, 0, 0, 1, 1, 1];

    [Theory]
    [InlineData("auto", ScoringDevice.Auto)]
    [InlineData("CPU", ScoringDevice.Cpu)]
    [InlineData(" onnx-cpu ", ScoringDevice.OnnxCpu)]
    [InlineData("cuda", ScoringDevice.Cuda)]
    public void Parses_the_configuration_names(string text, ScoringDevice expected)
    {
        Assert.Equal(expected, ScoringDevices.Parse(text));
        Assert.Equal(text.Trim().ToLowerInvariant(), expected.Name());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_unknown_devices(string? text)
    {
        Assert.False(ScoringDevices.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ScoringDevices.Parse(text));
    }

    [Fact]
    public void Options_reject_invalid_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoringOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoringOptions { CudaDeviceId = -1 });
        Assert.Equal(-1, new ScoringOptions().MaxDegreeOfParallelism);
    }

    [Fact]
    public void Cpu_gives_the_exact_kernel_or_the_quantized_one_per_model()
    {
        var factory = new EmbeddingScorerFactory(new ScoringOptions { Device = ScoringDevice.Cpu });

        var exact = factory.Create(Matrix, 3, 2);
        var quantized = factory.Create(Matrix, 3, 2, ScoringPrecision.Quantized);

        Assert.IsType<CpuEmbeddingScorer>(exact);
        Assert.Equal(new ScoringPlacement("cpu", "cpu", "fp32"), exact.Placement);
        Assert.IsType<QuantizedEmbeddingScorer>(quantized);
        Assert.Equal(new ScoringPlacement("cpu", "cpu", "int8"), quantized.Placement);
    }

    [Fact]
    public void Onnx_cpu_runs_on_onnx_runtime_and_notes_that_int8_is_not_available_there()
    {
        var factory = new EmbeddingScorerFactory(new ScoringOptions { Device = ScoringDevice.OnnxCpu });

        using var scorer = (OnnxEmbeddingScorer)factory.Create(Matrix, 3, 2, ScoringPrecision.Quantized);

        Assert.Equal("onnx-cpu", scorer.Device);
        Assert.Equal("fp32", scorer.Placement.Precision);
        Assert.Contains("int8", scorer.Placement.Reason);
        Assert.Equal([2, 0], scorer.TopK([1f, 1f], 2, new ExclusionFilter([1])).Select(s => s.Item));
    }

    [Fact]
    public void Cuda_falls_back_to_the_onnx_cpu_provider_with_the_reason_logged_once()
    {
        var logger = new CountingLogger();
        var factory = new EmbeddingScorerFactory(new ScoringOptions { Device = ScoringDevice.Cuda }, logger);
        if (factory.CudaUnavailableReason is null)
            Assert.Skip("CUDA loads on this machine: there is no fallback to observe.");

        using var first = (OnnxEmbeddingScorer)factory.Create(Matrix, 3, 2);
        using var second = (OnnxEmbeddingScorer)factory.Create(Matrix, 3, 2);

        Assert.Equal("onnx-cpu", first.Device);
        Assert.Equal("cuda", first.Placement.Requested);
        Assert.StartsWith("cuda unavailable: ", first.Placement.Reason);
        Assert.Equal(first.Placement, second.Placement);
        Assert.Equal(1, logger.Warnings);
    }

    [Fact]
    public void Auto_uses_cuda_when_it_loads_and_the_cpu_kernel_otherwise()
    {
        var logger = new CountingLogger();
        var factory = new EmbeddingScorerFactory(new ScoringOptions(), logger);

        var scorer = factory.Create(Matrix, 3, 2);
        try
        {
            if (factory.CudaUnavailableReason is null && scorer.Device == "cuda")
            {
                Assert.Null(scorer.Placement.Reason);
                return;
            }
            Assert.IsType<CpuEmbeddingScorer>(scorer);
            Assert.Equal("auto", scorer.Placement.Requested);
            Assert.StartsWith("cuda unavailable: ", scorer.Placement.Reason);
            Assert.Equal(1, logger.Warnings);
        }
        finally
        {
            (scorer as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void An_empty_catalog_is_scored_on_the_cpu()
    {
        var scorer = new EmbeddingScorerFactory(new ScoringOptions { Device = ScoringDevice.OnnxCpu }).Create([], 0, 4);

        Assert.Equal("cpu", scorer.Device);
        Assert.Empty(scorer.TopK(new float[4], 3, default));
    }

    private sealed class CountingLogger : ILogger<EmbeddingScorerFactory>
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                Warnings++;
        }
    }
}
