namespace Recommender.Experiments.Tests.Exposures;

/// <summary>
/// Tests that stop the shared PostgreSQL server: they run alone, after the parallel tests, so no other test
/// sees the outage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresOutages
{
    public const string Name = "PostgreSQL outages";
}
