using Microsoft.Extensions.Options;

namespace Recommender.Api.Tests.ExperimentData;

public sealed class ExposureLogSettingsTests
{
    [Theory]
    [InlineData("BatchSize", "0")]
    [InlineData("QueueCapacity", "-5")]
    [InlineData("RetryBaseDelay", "00:00:00")]
    public async Task An_invalid_setting_fails_the_start_naming_it(string setting, string value)
    {
        await using var service = new RunningService { Settings = new Dictionary<string, string?> { [$"Recommender:Exposures:{setting}"] = value } };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () => await service.InitializeAsync());

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }
}
