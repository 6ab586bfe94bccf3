using Recommender.Api.Tests.Postgres;

namespace Recommender.Api.Tests.ExperimentData;

public sealed class PostgresExposureLoggingTests : ExposureLoggingContract, IClassFixture<PostgresRunningService>
{
    public PostgresExposureLoggingTests(PostgresRunningService service) : base(service) => TestPostgres.Require();
}
