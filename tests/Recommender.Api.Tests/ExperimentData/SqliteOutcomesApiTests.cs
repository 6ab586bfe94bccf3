namespace Recommender.Api.Tests.ExperimentData;

public sealed class SqliteOutcomesApiTests(RunningService service) : OutcomesApiContract(service), IClassFixture<RunningService>;
