namespace Recommender.Api.Tests.Postgres;

/// <summary>Tests that stop the assembly's PostgreSQL cluster: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiPostgresOutages
{
    public const string Name = "API PostgreSQL outages";
}
