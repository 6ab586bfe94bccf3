using Microsoft.Extensions.Options;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;

namespace Recommender.Api.Hosting;

/// <summary>Refuses a "Scoring" section the service could not honour, naming every offending key.</summary>
public sealed class ScoringSettingsValidator : IValidateOptions<ScoringSettings>
{
    public ValidateOptionsResult Validate(string? name, ScoringSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = ScoringSettings.SectionName;
        if (!ScoringDevices.TryParse(options.Device, out _))
            errors.Add($"{section}:Device is '{options.Device}'; use auto, cpu, onnx-cpu or cuda.");
        if (ScoringSettings.ParsePrecision(options.Precision) is null)
            errors.Add($"{section}:Precision is '{options.Precision}'; use fp32 or int8.");
        foreach (var (model, precision) in options.ModelPrecision)
        {
            if (!ModelPresets.IsKnown(model))
                errors.Add($"{section}:ModelPrecision:{model} names no known model ({string.Join(", ", ModelPresets.Names)}).");
            if (ScoringSettings.ParsePrecision(precision) is null)
                errors.Add($"{section}:ModelPrecision:{model} is '{precision}'; use fp32 or int8.");
        }
        if (options.MaxDegreeOfParallelism is 0 or < -1)
            errors.Add($"{section}:MaxDegreeOfParallelism is {options.MaxDegreeOfParallelism}; use -1 (every core) or a positive count.");
        if (options.CudaDeviceId < 0)
            errors.Add($"{section}:CudaDeviceId is {options.CudaDeviceId}; it must not be negative.");
        if (options.MicroBatchDelayMicroseconds is < 0 or > 1_000_000)
            errors.Add($"{section}:MicroBatchDelayMicroseconds is {options.MicroBatchDelayMicroseconds}; use 0 (off) up to 1000000.");
        if (options.MicroBatchMaxSize is < 1 or > 4096)
            errors.Add($"{section}:MicroBatchMaxSize is {options.MicroBatchMaxSize}; use 1 up to 4096.");
        if (options.MicroBatchMinItems < 0)
            errors.Add($"{section}:MicroBatchMinItems is {options.MicroBatchMinItems}; it must not be negative.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
