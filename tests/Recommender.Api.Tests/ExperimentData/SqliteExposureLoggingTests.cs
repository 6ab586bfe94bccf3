namespace Recommender.Api.Tests.ExperimentData;

public sealed class SqliteExposureLoggingTests(RunningService service) : ExposureLoggingContract(service), IClassFixture<RunningService>;
