using Recommender.Api.Tests.Postgres;

namespace Recommender.Api.Tests.ExperimentData;

public sealed class PostgresOutcomesApiTests : OutcomesApiContract, IClassFixture<PostgresRunningService>
{
    public PostgresOutcomesApiTests(PostgresRunningService service) : base(service) => TestPostgres.Require();
}
