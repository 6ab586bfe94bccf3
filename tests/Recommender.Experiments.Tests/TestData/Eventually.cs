namespace Recommender.Experiments.Tests.TestData;

/// <summary>Waits for a condition by polling it until a deadline (never a fixed sleep).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(90);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var giveUp = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUp)
                Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(20, cancellation);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, deadline);
}
