namespace Recommender.Api.Tests.ExperimentData;

public sealed class SqliteExposureLoggingTests(RunningService service) : ExposureLoggingContract(service), IClassFixture<RunningService>
{
    [Fact]
    public void The_spool_lives_beside_the_experiments_database_by_default()
    {
        Assert.True(File.Exists(Path.Combine(Service.SpoolPath, "spool.lock")), $"no locked spool at {Service.SpoolPath}");
    }
}
